using System.Text;
using OwnersVote.Voting.Events;

namespace OwnersVote.Web.Demo;

/// <summary>
/// The demo lift vote's attached document: the repair plan and quotation owners read before voting
/// (issue 4 step ②: "the full text, attached documents, and the costs"). Its bytes are fixed, so
/// its SHA-256 in the log is the same on every run.
/// </summary>
public static class DemoDocuments
{
    /// <summary>The file name shown to owners.</summary>
    public const string LiftQuotationName = "57号楼电梯大修方案与报价单.txt";

    /// <summary>The quotation, UTF-8 text; the total equals the matter's 46.8 万元.</summary>
    public static byte[] LiftQuotation { get; } = Encoding.UTF8.GetBytes(
        """
        景城品雅苑 57 号楼电梯大修方案与报价单
        ==========================================

        委托方：景城品雅苑业主委员会
        评估单位：上海某电梯检测技术有限公司（第三方）
        报价单位：经公开比选的三家维保单位中报价最低且技术评分合格者

        一、现状（第三方评估摘要）
        1. 两部电梯（1 号梯、2 号梯）2008 年投入使用，已运行 18 年。
        2. 曳引机轮槽磨损超限，钢丝绳打滑风险高。
        3. 控制柜主板老化，近 12 个月困人故障 7 次。
        4. 层门门机与门锁磨损，开关门异常。

        二、维修内容与费用（单位：元）
        | 项目                         | 1 号梯   | 2 号梯   | 小计     |
        | 更换曳引机（含钢丝绳）       | 98,000   | 98,000   | 196,000  |
        | 更换控制柜（含变频器）       | 72,000   | 72,000   | 144,000  |
        | 更换层门门机及门锁（18 层）  | 48,000   | 48,000   | 96,000   |
        | 安装调试、检测验收           | 16,000   | 16,000   | 32,000   |
        | 合计                         | 234,000  | 234,000  | 468,000  |

        三、资金来源与分摊
        从 57 号楼专项维修资金分户账中列支，按各户专有部分面积分摊：
        每平方米约 92.87 元（468,000 元 ÷ 57 号楼专有部分总面积 5,039.34 平方米）。
        例：面积 89.30 平方米的住户分摊约 8,293 元。

        四、工期
        两部电梯分别施工，每部约 20 天，施工期间保证至少一部电梯运行。

        五、表决规则
        本事项为使用专项维修资金（《民法典》第二百七十八条第一款第六项），
        由 57 号楼全体业主表决（《上海市住宅物业管理规定》第六十九条），
        须参与表决的业主专有部分面积和人数均达三分之二以上，
        并经参与表决的业主专有部分面积过半数且人数过半数同意。
        """);

    /// <summary>The document as <c>MatterPublished</c> pins it.</summary>
    public static MatterDocument LiftQuotationDocument { get; } =
        new(LiftQuotationName, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(LiftQuotation)));
}
