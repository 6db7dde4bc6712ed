using OwnersVote.Voting;

namespace OwnersVote.Paper.Tests;

/// <summary>Ballots of the reference case (building 57 lift repair) for the tests.</summary>
internal static class Ballots
{
    public static readonly BallotKey Key = BallotKey.ParseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    public static readonly BallotMatter LiftRepair = new(
        "景城品雅苑",
        "57号楼电梯维修使用专项维修资金",
        "拟使用57号楼专项维修资金人民币386,000元，更换该楼两部电梯的曳引机、控制柜及门机系统。施工单位经公开招标确定，工期约60日，施工期间分梯停运。费用按各户专有部分面积分摊。",
        "景品业〔2026〕第3号",
        ["是否同意使用专项维修资金维修57号楼电梯？", "是否同意由业主委员会与中标单位签订施工合同？"]);

    public static BallotSheet Sheet(string unit, string serial, string vote = "lift-57") =>
        new("57", Area.FromHundredths(8950), "王**", new BallotCode(vote, unit, serial));

    public static byte[] Pdf(params BallotSheet[] sheets) => Pdf(LiftRepair, sheets);

    public static byte[] Pdf(BallotMatter matter, params BallotSheet[] sheets)
    {
        using var output = new MemoryStream();
        BallotRenderer.Render(matter, sheets, Key, output);
        return output.ToArray();
    }
}
