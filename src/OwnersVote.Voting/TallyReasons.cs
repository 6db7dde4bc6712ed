namespace OwnersVote.Voting;

/// <summary>Words for a tally: each test of Civil Code art. 278 in Chinese and English.</summary>
internal static class TallyReasons
{
    public static IReadOnlyList<TallyReason> Explain(
        ThresholdClass rule, DoubleCount total, DoubleCount part, DoubleCount yes,
        bool quorumArea, bool quorumHeads, bool yesArea, bool yesHeads, bool passed)
    {
        bool major = rule == ThresholdClass.Major;
        string barZh = major ? "四分之三以上" : "过半数";
        string missZh = major ? "不足四分之三" : "未过半数";
        string barEn = major ? "at least three quarters" : "more than half";
        string missEn = major ? "less than three quarters" : "not more than half";

        return
        [
            new TallyReason(
                TallyReasonCode.QuorumArea,
                quorumArea,
                $"参与表决的专有部分面积 {part.Area} m²，占总面积 {total.Area} m² 的 {Pct(part.Area, total.Area)}，{(quorumArea ? "达到三分之二以上" : "不足三分之二")}（民法典第二百七十八条）",
                $"Participating area {part.Area} m² is {Pct(part.Area, total.Area)} of the total {total.Area} m²: {(quorumArea ? "at least" : "less than")} two thirds (Civil Code art. 278)"),
            new TallyReason(
                TallyReasonCode.QuorumHeads,
                quorumHeads,
                $"参与表决人数 {part.Heads} 人，占总人数 {total.Heads} 人的 {Pct(part.Heads, total.Heads)}，{(quorumHeads ? "达到三分之二以上" : "不足三分之二")}（民法典第二百七十八条）",
                $"Participating headcount {part.Heads} is {Pct(part.Heads, total.Heads)} of the total {total.Heads}: {(quorumHeads ? "at least" : "less than")} two thirds (Civil Code art. 278)"),
            new TallyReason(
                TallyReasonCode.YesArea,
                yesArea,
                $"同意的专有部分面积 {yes.Area} m²，占参与表决面积 {part.Area} m² 的 {Pct(yes.Area, part.Area)}，{(yesArea ? barZh : missZh)}（民法典第二百七十八条）",
                $"Yes area {yes.Area} m² is {Pct(yes.Area, part.Area)} of the participating {part.Area} m²: {(yesArea ? barEn : missEn)} (Civil Code art. 278)"),
            new TallyReason(
                TallyReasonCode.YesHeads,
                yesHeads,
                $"同意人数 {yes.Heads} 人，占参与表决人数 {part.Heads} 人的 {Pct(yes.Heads, part.Heads)}，{(yesHeads ? barZh : missZh)}（民法典第二百七十八条）",
                $"Yes headcount {yes.Heads} is {Pct(yes.Heads, part.Heads)} of the participating {part.Heads}: {(yesHeads ? barEn : missEn)} (Civil Code art. 278)"),
            Conclusion(quorumArea && quorumHeads, passed),
        ];
    }

    private static TallyReason Conclusion(bool quorumMet, bool passed)
    {
        if (!quorumMet)
        {
            return new TallyReason(
                TallyReasonCode.Result,
                false,
                "参与表决的专有部分面积或人数不足三分之二，表决未通过",
                "Owners holding less than two thirds of the area or of the headcount took part: not passed");
        }

        return passed
            ? new TallyReason(TallyReasonCode.Result, true, "面积与人数均达到法定比例，表决通过", "Both the area and the headcount clear the bar: passed")
            : new TallyReason(TallyReasonCode.Result, false, "同意的专有部分面积或人数未达到法定比例，表决未通过", "The yes area or the yes headcount falls short: not passed");
    }

    private static string Pct(Area part, Area whole) => whole == Area.Zero ? "—" : Percentage.Format(part, whole);

    private static string Pct(Headcount part, Headcount whole) => whole == Headcount.Zero ? "—" : Percentage.Format(part, whole);
}
