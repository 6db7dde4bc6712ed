using System.Globalization;

namespace OwnersVote.Web.Localization;

/// <summary>简体中文.</summary>
public sealed class ChineseText : UiText
{
    /// <summary>The one instance.</summary>
    public static ChineseText Instance { get; } = new();

    private ChineseText()
    {
    }

    public override string Lang => "zh-CN";

    public override (string Culture, string Name) OtherLanguage => ("en", "English");

    public override string SiteName => "业主表决";

    public override string SkipToContent => "跳到正文";

    public override string LanguageSwitchLabel => "语言";

    public override string MainNavigation => "主导航";

    public override string Home => "首页";

    public override string FooterLog => "每一次表决都记入只可追加的签名日志，任何人都可以下载、验证并重新计票。";

    public override string TransparencyTitle => "公开日志与见证人";

    public override string TransparencyIntro => "登记、选票、计票结果——每一件事都是这份只可追加的签名日志中的一条。见证人核对新的检查点与他们上次见过的一致（只增不改）后才联署；任何人都可以用下面的公钥核对，日志被篡改或对不同的人展示不同版本都会被发现。";

    public override string LogKeyHeading => "日志公钥";

    public override string LatestCheckpointHeading => "最新检查点";

    public override string CheckpointSummary(long treeSize) => $"日志共 {treeSize} 条；树根哈希：";

    public override string WitnessesHeading => "见证人";

    public override string WitnessQuorum(int quorum, int witnesses) => $"每个检查点需要 {witnesses} 位见证人中至少 {quorum} 位联署。";

    public override string NoWitnesses => "这份日志没有配置见证人。";

    public override string DemoWitnessName(string slug) => slug switch
    {
        "committee" => "业主委员会（业委会）",
        "neighbourhood" => "居民委员会（居委会）",
        _ => slug,
    };

    public override string DemoWitnessesNote => "演示：这两位见证人运行在本服务器里，仅作展示。真实小区的见证人由业委会、居委会、公证处或任何业主在自己的电脑上运行（ov witness）。";

    public override string WitnessKey => "公钥";

    public override string WitnessAddress => "地址";

    public override string WitnessCosigned => "已联署最新检查点";

    public override string WitnessNotCosigned => "尚未联署最新检查点";

    public override string VerifyYourself => "自己核对（下载整份日志、核对签名与联署、重新计票）：";

    public override string OpenVotes => "正在表决";

    public override string ClosedVotes => "已结束的表决";

    public override string NoOpenVotes => "目前没有正在进行的表决。";

    public override string NoClosedVotes => "还没有已结束的表决。";

    public override string NoCompound => "还没有登记小区。";

    public override string ReadMatter => "查看表决事项";

    public override string SeeResult => "查看计票结果";

    public override string CompoundSize(int buildings, int units) => $"共 {buildings} 栋楼、{units} 户";

    public override string Scope => "表决范围";

    public override string WholeCompound => "全体业主";

    public override string BuildingOwners(string buildingId) => $"{buildingId}号楼全体业主";

    public override string Building(string buildingId) => $"{buildingId}号楼";

    public override string Rule => "通过规则";

    public override string RuleInPlainWords(string threshold) =>
        "参与表决的业主，专有部分面积须占表决范围内总面积的三分之二以上，人数须占总人数的三分之二以上；"
        + (threshold == "Major"
            ? "并须经参与表决专有部分面积四分之三以上、参与表决人数四分之三以上的业主同意。"
            : "并须经参与表决专有部分面积过半数、参与表决人数过半数的业主同意。")
        + "（《民法典》第二百七十八条）";

    public override string Opens => "开始时间";

    public override string Closes => "截止时间";

    public override string Status => "状态";

    public override string StatusOpen => "正在表决";

    public override string StatusClosed => "已结束";

    public override string StatusNotYetOpen => "尚未开始";

    public override string MatterText => "事项全文";

    public override string Passed => "已通过";

    public override string NotPassed => "未通过";

    public override string ResultPending => "结果尚未公布";

    public override string ResultTitle(string matterTitle) => $"计票结果：{matterTitle}";

    public override string LiveCountNote => "表决仍在进行，以下为实时计票，随新的表决票更新。";

    public override string CountedAt(string when) => $"计票时间：{when}。";

    public override string Refresh => "刷新计票";

    public override string PublishedAt(string when) => $"结果公布于 {when}";
    public override string PublishedInLog(long treeSize) => $"计票结果是公开日志前 {treeSize} 条中的最后一条；这 {treeSize} 条的日志树根哈希：";

    public override string Quorum => "参与表决";

    public override string QuorumRule => "须达到面积和人数的三分之二以上";

    public override string YesVotes => "同意";

    public override string YesRule(string threshold) =>
        threshold == "Major" ? "须达到参与表决面积和人数的四分之三以上" : "须超过参与表决面积和人数的一半";

    public override string AreaLabel => "面积";

    public override string HeadsLabel => "人数";

    public override string Counted(string have, string required) => $"{have}，需 {required}";

    public override string Met => "已达到";

    public override string StillNeeds(long heads, string squareMetres) => $"还差 {heads} 户、{squareMetres} 平方米";

    public override string StillNeedsHeads(long heads) => $"还差 {heads} 户";

    public override string StillNeedsArea(string squareMetres) => $"还差 {squareMetres} 平方米";

    public override string HowFarSummary => "距离通过";

    public override string HowFarAssumption => "按尚未投票的业主参与并投同意票计算。";

    public override string CannotBeReached => "尚未投票的业主全部参与也无法达到。";

    public override string Eligible(long heads, string squareMetres) => $"表决范围：{heads} 户、{squareMetres} 平方米";

    public override string NotYetVoted(long heads, string squareMetres) => $"尚未投票：{heads} 户、{squareMetres} 平方米";

    public override string Ballots => "已计入的表决票（只公布房号和面积）";

    public override string UnitColumn => "房号";

    public override string AreaColumn => "面积（平方米）";

    public override string ChoiceColumn => "意见";

    public override string ChannelColumn => "方式";

    public override string Choice(string wire) => wire switch
    {
        "yes" => "同意",
        "no" => "反对",
        "abstain" => "弃权",
        _ => "无效",
    };

    public override string Channel(string wire) => wire == "paper" ? "纸质" : "网上";

    public override string NoBallots => "还没有表决票。";

    public override string RecountDiffers => "注意：按已计入的表决票重新计票，结果与公布的结果不一致。请联系业委会核查。";

    public override string BackToMatter => "返回表决事项";

    public override string SquareMetres(string amount) => $"{amount} 平方米";

    public override string Heads(long heads) => $"{heads} 户";

    public override string NotFoundTitle => "找不到这个页面";

    public override string NotFoundText => "您要找的页面不存在，可能链接有误。请回到首页。";

    public override string ErrorTitle => "出错了";

    public override string ErrorText => "系统暂时无法完成这个操作，请稍后再试。如果一直出现，请联系业委会或物业。";

    public override string ErrorReference(string traceId) => $"参考编号：{traceId}";

    public override string When(DateTimeOffset instant)
    {
        DateTimeOffset t = InChina(instant);
        return string.Create(CultureInfo.InvariantCulture, $"{t.Year}年{t.Month}月{t.Day}日 {t:HH\\:mm}");
    }

    // Sign-in
    public override string SignInTitle => "登录";

    public override string SignInIntro => "第一次登录：请输入业主告知书上的一次性邀请码。本小区登记资料中没有手机号，所以只凭邀请码核验；每个邀请码只能用一次，过期作废。";

    public override string InvitationCodeLabel => "邀请码";

    public override string InvitationCodeHint => "告知书上的 8 位字母和数字，例如 K7QM-3XHP";

    public override string SignInWithCode => "用邀请码登录";

    public override string HavePasskey => "已经设置过通行密钥？";

    public override string SignInWithPasskey => "用通行密钥登录";

    public override string CodeRequired => "请输入邀请码。";

    public override string CodeUnknown => "邀请码不正确，请核对告知书后重新输入。";

    public override string CodeExpired => "邀请码已过期，请联系业委会或物业重新领取。";

    public override string CodeUsed => "这个邀请码已经用过，不能再用。设置过通行密钥的，请用通行密钥登录。";

    public override string TooManyAttempts => "尝试次数太多，请 10 分钟后再试。";

    public override string PasskeyFailed => "通行密钥没有成功，请再试一次。";

    public override string PasskeyTitle => "设置通行密钥";

    public override string PasskeyIntro => "通行密钥保存在您自己的手机上，用指纹、面容或锁屏密码确认。以后登录和签署表决票都用它，邀请码不再需要。";

    public override string SetUpPasskey => "设置通行密钥";

    public override string PasskeySetUp => "通行密钥已设置好。以后请用通行密钥登录。";

    public override string SignedIn => "已登录";

    public override string SignOut => "退出登录";

    public override string StepsLabel => "投票步骤";

    public override string StepOf(int step) => $"第 {step} 步，共 5 步";

    public override string StepName(int step) => step switch
    {
        1 => "核实身份",
        2 => "阅读事项",
        3 => "选择",
        4 => "签名",
        _ => "回执",
    };

    public override string GoVote => "去投票";

    public override string VotesForYou => "待您表决的事项";

    public override string NoVotesForYou => "目前没有需要您表决的事项。";

    public override string NotYourVote => "这个事项不由您表决：只有表决范围内楼栋的业主才能投票。";

    public override string BallotStepTitle => "投票";

    public override string BallotTitle(string matterTitle) => $"投票：{matterTitle}";

    public override string BallotCovers => "这张选票代表您的房屋";

    public override string UnitLine(string unit, string building, string squareMetres) => $"{unit}（{building}号楼，{squareMetres} 平方米）";

    public override string OneBallotRule => "同一业主的多套房屋合投一张选票，人数按一户计算，面积合计。";

    public override string AlreadyVoted(string choice, string when, bool canChange) => canChange
        ? $"您已投票：{choice}（{when}）。投票截止前可以更改，以最后一次为准。"
        : $"您已投票：{choice}（{when}）。本事项投票后不能更改。";

    public override string AnswerEveryQuestion => "请为每个问题选择一项。";

    public override string ChangeRule(bool allowChange) => allowChange
        ? "投票截止前可以更改，以最后一次为准。"
        : "本事项投票后不能更改，请确认后再签名。";

    public override string NextConfirm => "下一步：确认";

    public override string ConfirmTitle => "请确认您的选择";

    public override string YouChose(string choice) => $"您选择：{choice}";

    public override string ConfirmCovers(string units, string squareMetres) => $"这张选票代表 {units}，面积合计 {squareMetres} 平方米。";

    public override string SignExplain => "点“签名并投票”后，手机会请您验证指纹、面容或锁屏密码。这就是您本人的电子签名，别人无法代签，签名后选票不能被改动。";

    public override string NeedsJavaScript => "签名需要浏览器开启 JavaScript。也可以到物业服务中心现场投票或填写纸质选票。";

    public override string SignAndVote => "签名并投票";

    public override string GoBackChange => "返回修改";

    public override string SignFailed(string code) => code switch
    {
        "not-signed" or "" => "没有完成签名。请再点一次“签名并投票”，按手机提示验证。",
        "unknown-ballot" => "这张选票已过期或已提交过。请再点一次“签名并投票”。",
        "passkey-not-enrolled" => "这个通行密钥没有登记在您名下。",
        "closed" => "投票已截止，选票没有提交。",
        "already-voted" => "您已经投过票，本事项不能更改。",
        _ => $"签名未通过核验，选票没有提交（{code}）。请再试一次。",
    };

    public override string BallotRefusedTitle(string code) => code switch
    {
        "not-in-scope" => "这个事项不由您表决",
        "not-yet-open" => "投票还没有开始",
        "closed" => "投票已截止",
        "already-voted" => "您已经投过票",
        "no-passkey" => "请先设置通行密钥",
        _ => "暂时不能投票",
    };

    public override string BallotRefusedText(string code) => code switch
    {
        "not-in-scope" => "只有表决范围内楼栋的业主才能对本事项投票（《上海市住宅物业管理规定》第六十九条）。",
        "not-yet-open" => "请在投票开始后再来。",
        "closed" => "本事项的投票已经结束，可以查看结果。",
        "already-voted" => "本事项投票后不能更改。",
        "no-passkey" => "投票要用您的通行密钥签名。请在这台手机上设置通行密钥（新设置的通行密钥可能要等一段时间才能投票）。",
        _ => "请稍后再试。",
    };

    public override string ReceiptTitle => "投票回执";

    public override string BallotRecorded => "您的选票已签名并记入公开记录。";

    public override string MatterLabel => "事项";

    public override string SignedAt => "记录时间";

    public override string CountsNow => "计票";

    public override string CountsText(bool counts, string? rejection) => counts
        ? "计入结果"
        : rejection is null ? "不计入结果（已被您之后的选票取代）" : $"不计入结果（{rejection}）";

    public override string KeepReceipt => "请保存这张回执。任何人都可以用它核对：您的选票在公开记录里，没有被改动。";

    public override string DownloadReceipt => "下载回执";

    public override string VerifyReceiptLink => "核验回执";

    public override string ReceiptText => "回执全文";

    public override string ReceiptValid => "回执有效";

    public override string ReceiptInvalid => "回执无效";

    public override string LogEntry => "公开记录条目";

    public override string LogTree => "记录状态";

    public override string LogTreeSize(long size) => $"共 {size} 条，根哈希";

    public override string Witnesses => "见证人联署";

    public override string NoCosignatures => "无";

    public override string StillInLog(bool stillInLog, long index) => stillInLog
        ? $"本站公开记录的第 {index} 条仍是这张选票，没有被改动。"
        : $"警告：本站公开记录的第 {index} 条与回执不一致。";

    public override string VerifyTitle => "核验投票回执";

    public override string VerifyIntro => "把回执全文粘贴到下面，或选择下载的回执文件，然后点“核验”。";

    public override string VerifiedBallot(string units, string choices) => $"回执中的选票：{units}，{choices}。";

    public override string ReceiptRequired => "请粘贴回执或选择回执文件。";

    public override string ReceiptLabel => "回执全文";

    public override string ReceiptFileLabel => "或选择回执文件";

    public override string VerifyButton => "核验";

    public override string VerifyOffline => "也可以不经过本站，用 ov verify --receipt 离线核验。";

    public override string Documents => "附件";

    public override string CoolingOffUntil(string when) => $"您新设置的通行密钥从 {when} 起可以投票（新密钥有一段冷静期，以防有人背着您设置）。";

    public override string DeskEnrolTitle => "办理登记（工作人员）";

    public override string DeskEnrolIntro => "业主本人在场时，核对其身份证件和产权证明，然后申请邀请码。另一位工作人员批准后才会发出邀请函。";

    public override string DeskUnitLabel => "房号（如 57-101）";

    public override string DeskIdentityChecked => "我已核对业主本人的身份证件和产权证明";

    public override string DeskRequest => "申请邀请码";

    public override string DeskApproveTitle => "批准登记（第二位工作人员）";

    public override string DeskApproveIntro => "每份登记需要两位不同的工作人员：申请人不能批准自己的申请。";

    public override string DeskNothingPending => "没有待批准的登记。";

    public override string DeskApprove => "批准并打印邀请函";

    public override string LetterPrint => "请立即打印这封邀请函交给业主；邀请码只显示这一次。";

    public override string DeskRequested(string unit) => $"已为 {unit} 提出申请，请另一位工作人员批准。";

    public override string DeskRefused(string reason) => reason switch { "SameOfficer" => "同一位工作人员不能既申请又批准（两人规则）。", "NotOnRoll" => "名册上没有这个房号。", "IdentityNotChecked" => "请先核对业主身份并勾选确认。", _ => "没有这项待批准的申请。" };

    public override string DeskPendingItem(string unit, string officer, string when) => $"{unit}：{officer} 于 {when} 申请";

    public override string LetterTitle(string compound) => $"{compound} 业主投票邀请函";

    public override string LetterUnit(string unit) => $"房号：{unit}";

    public override string LetterHowTo(string url) => $"请用手机打开 {url}，输入下面的一次性邀请码，然后设置通行密钥。";

    public override string LetterExpires(string when) => $"邀请码有效期至 {when}，只能使用一次。";

    public override string LetterOfficers(string officers) => $"经办工作人员：{officers}";

    public override string DeviceKeyIntro => "这个浏览器不支持通行密钥。可以改用“设备密钥”：一把只保存在本浏览器里、无法导出的签名密钥，用来签署您的表决票。清除浏览器数据后需要重新设置，旧的密钥会在公开记录中作废。";

    public override string SetUpDeviceKey => "设置设备密钥";

    public override string DeviceKeySetUp => "设备密钥已设置好。请在本浏览器中投票。";

    public override string HandwritingTitle => "手写签名";

    public override string HandwritingHint => "请用手指或手写笔在框内写下您的名字。";

    public override string HandwritingUndo => "撤销一笔";

    public override string HandwritingClear => "清除";

    public override string HandwritingMissing => "本次表决需要手写签名，请先在框内签名。";

    public override string HandwritingShown => "您的手写签名（其哈希值包含在已签名的选票中）";

    public override string OpenInBrowserTitle => "请用手机自带的浏览器打开";

    public override string OpenInBrowserIntro => "您正在微信或其他应用的内置浏览器中，这里无法安全地签署表决票。请换用系统浏览器（如 Safari、Chrome 或手机自带浏览器）打开本页，或到物业服务中心现场投票，或领取纸质表决票。";

    public override string OpenInBrowserIos => "苹果手机（iOS）微信：点右上角“···”，选“在 Safari 中打开”。";

    public override string OpenInBrowserAndroid => "安卓手机微信：点右上角“···”，选“在浏览器打开”。";

    public override string OpenInBrowserCopy => "也可以复制下面的网址，粘贴到浏览器的地址栏：";

    public override string OpenInBrowserDesk => "不方便用手机？可以到物业服务中心由工作人员协助现场投票，或填写纸质表决票。";

    public override string Certificate => "下载表决结果证明（PDF）";

    public override string CertificateHeading => "业主大会表决结果证明";

    public override string CertificateCompound => "小区";

    public override string CertificateCounts => "计票";

    public override string CertificateOutcome => "表决结果";

    public override string CertificateLog => "公开日志";

    public override string CertificateScanToVerify => "扫码核验本结果";

    public override string CertificateWitnessed(long treeSize, IReadOnlyList<string> cosigners, int quorum) =>
        cosigners.Count == 0
            ? $"见证人：日志前 {treeSize} 条的检查点尚无见证人联署（须 {quorum} 个）"
            : $"见证人：{string.Join("、", cosigners)} 联署了日志前 {treeSize} 条的检查点（须 {quorum} 个），该检查点包含上述计票结果";

    public override string CertificateCheckpointMatches(long treeSize) =>
        $"证明上的检查点（日志前 {treeSize} 条）与本站公布的计票结果一致。";

    public override string CertificateCheckpointDiffers(long given, long? published) =>
        published is { } p
            ? $"证明上的检查点（日志前 {given} 条）与本站公布的计票结果（日志前 {p} 条）不一致！"
            : $"证明上的检查点（日志前 {given} 条）无法核对：本站尚未公布计票结果。";

    public override string LargeType => "大字";

    public override string CertificateNotMet => "未达到";

    public override string NormalType => "标准字号";
    public override string BallotsByChannel(int online, int paper) => $"计入的选票中，网上投票 {online} 份，纸质选票 {paper} 份。";

    // Issue 7 parts 6–8: money, notices, exports.
    public override string FundTitle(string building) => $"{building}号楼专项维修资金";

    public override string FundIntro => "专项维修资金账目至少每半年公布一次（《上海市住宅物业管理规定》第六十六条）。每一笔使用都须经业主表决同意（《民法典》第二百七十八条），下面每笔支出都链接到批准它的表决；表决尚未通过的，只列为计划支出，不计入余额。";

    public override string IncomeTitle => "公共收益";

    public override string IncomeIntro => "利用共有部分产生的收益属于业主共有（《民法典》第二百八十二条），按季度公布（《上海市住宅物业管理规定》第六十六条）。";

    public override string MaintenanceFunds => "各楼专项维修资金";

    public override string NoStatements => "尚未公布账目。";

    public override string MoneyOverTime => "资金变动";

    public override string FundChartDescription => "条形图：每一期的收入、支出、计划支出和期末余额（元）。同样的数字见下表。";

    public override string IncomeChartDescription => "条形图：每季度停车、广告、场地租赁、利息收入和支出（元）。同样的数字见下表。";

    public override string ChartTableCaption => "图中的数字（元）：";

    public override string Statements => "各期账目";

    public override string PeriodLabel => "期间";

    public override string Period(DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"{from.Year}年{from.Month}月{from.Day}日至{to.Year}年{to.Month}月{to.Day}日");

    public override string Opening => "期初余额";

    public override string Closing => "期末余额";

    public override string Inflow => "收入";

    public override string Outflow => "支出";

    public override string PlannedShort => "计划支出";

    public override string PlannedNotInBalance => "待表决通过，未计入余额";

    public override string Yuan(string amount) => $"{amount} 元";

    public override string VotesAndSpending => "表决与支出";

    public override string AuthorityLabel => "依据";

    public override string AuthorityText(OwnersVote.Web.Features.Money.SpendingAuthority authority) => authority switch
    {
        OwnersVote.Web.Features.Money.SpendingAuthority.Authorised => "表决已通过：支出经业主同意",
        OwnersVote.Web.Features.Money.SpendingAuthority.PendingVote => "计划支出：表决尚未通过，通过前不得列支",
        OwnersVote.Web.Features.Money.SpendingAuthority.Refused => "表决未通过：不得列支",
        OwnersVote.Web.Features.Money.SpendingAuthority.UnknownVote => "找不到所列的表决",
        _ => "无需表决",
    };

    public override string TimelineText(OwnersVote.Web.Features.Money.TimelineStepKind step, bool done) => step switch
    {
        OwnersVote.Web.Features.Money.TimelineStepKind.MatterPublished => "公布表决事项和报价单",
        OwnersVote.Web.Features.Money.TimelineStepKind.VotingOpens => done ? "投票开始" : "投票将开始",
        OwnersVote.Web.Features.Money.TimelineStepKind.VotingCloses => done ? "投票结束" : "投票截止（预定）",
        OwnersVote.Web.Features.Money.TimelineStepKind.Passed => "表决通过，结果公布",
        OwnersVote.Web.Features.Money.TimelineStepKind.NotPassed => "表决未通过，结果公布",
        OwnersVote.Web.Features.Money.TimelineStepKind.Planned => "列入账目：计划支出（未计入余额）",
        OwnersVote.Web.Features.Money.TimelineStepKind.Paid => "已支付，计入账目",
        _ => "表决通过后才可支付；目前尚未支付",
    };

    public override string Day(DateTimeOffset instant)
    {
        DateTimeOffset t = InChina(instant);
        return string.Create(CultureInfo.InvariantCulture, $"{t.Year}年{t.Month}月{t.Day}日");
    }

    public override string StatementLogEntry(long index) => $"日志第 {index} 条";

    public override string DateLabel => "日期";

    public override string LineDescription => "摘要";

    public override string AmountYuan => "金额（元）";

    public override string LineKind(OwnersVote.Voting.Events.StatementLineKind kind) => kind switch
    {
        OwnersVote.Voting.Events.StatementLineKind.Deposit => "缴存",
        OwnersVote.Voting.Events.StatementLineKind.Interest => "利息",
        OwnersVote.Voting.Events.StatementLineKind.Parking => "停车收益",
        OwnersVote.Voting.Events.StatementLineKind.Advertising => "广告收益",
        OwnersVote.Voting.Events.StatementLineKind.Venue => "场地租赁",
        OwnersVote.Voting.Events.StatementLineKind.Spending => "支出",
        _ => "计划支出",
    };

    public override string SupportingDocument => "凭证";

    public override string Attachments => "附件";

    public override string PublishStatementTitle => "公布账目";

    public override string PublishStatementIntro => "上传一期账目的明细（.xlsx 或 .csv），填写期间和期初余额。有任何一行出错都不会公布，并列出每个出错的行号。公布后账目写入防篡改日志。";

    public override string StatementPublishedText(int lines, long logIndex) => $"已公布：{lines} 笔明细，日志第 {logIndex} 条。";

    public override string SeePublished => "查看公示页面";

    public override string ImportRefused(int problems) => $"没有公布：发现 {problems} 个问题，请改正后重新上传。";

    public override string ImportProblemText(OwnersVote.Web.Features.Money.ImportProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        string at = problem.Row > 0 ? $"第 {problem.Row} 行：" : "";
        string v = problem.Value;
        return at + problem.Code switch
        {
            OwnersVote.Web.Features.Money.ImportProblemCode.Unreadable => $"文件无法读取（{v}）",
            OwnersVote.Web.Features.Money.ImportProblemCode.NoHeader => "文件没有标题行",
            OwnersVote.Web.Features.Money.ImportProblemCode.UnknownColumn => $"不认识的列“{v}”",
            OwnersVote.Web.Features.Money.ImportProblemCode.MissingColumn => $"缺少“{v}”列",
            OwnersVote.Web.Features.Money.ImportProblemCode.NoLines => "标题行下面没有明细",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadDate => $"日期“{v}”不是 2026-06-30 这样的日期",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadKind => $"类别“{v}”不适用于这类账目",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadAmount => $"金额“{v}”不是最多两位小数的正数（元）",
            OwnersVote.Web.Features.Money.ImportProblemCode.NoDescription => "摘要为空",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadDocument => $"凭证“{v}”不是 SHA-256 哈希",
            OwnersVote.Web.Features.Money.ImportProblemCode.OutsidePeriod => $"日期 {v} 不在账目期间内",
            OwnersVote.Web.Features.Money.ImportProblemCode.OutOfOrder => $"日期 {v} 早于上一行，请按日期排列",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteRequired => "使用维修资金的支出和计划支出必须写明批准它的表决（《民法典》第二百七十八条）",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteNotAllowed => $"只有支出才写表决，这一行写了“{v}”",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteNotFound => $"本小区没有表决“{v}”",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteFailed => $"表决“{v}”未通过，不得列支",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteNotPassed => $"表决“{v}”尚未通过，只能列为计划支出",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteOfOtherBuildings => $"表决“{v}”不是本楼业主的表决",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadPeriod => $"期间 {v} 不对：维修资金每期不超过六个月，公共收益每期为一个自然季度",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadOpening => $"期初余额“{v}”不是金额（元）",
            OwnersVote.Web.Features.Money.ImportProblemCode.NotContinuous => $"与上一期不衔接：本期应从 {v} 元开始（日期 金额）",
            OwnersVote.Web.Features.Money.ImportProblemCode.NegativeBalance => $"余额将变为负数（{v} 元）",
            OwnersVote.Web.Features.Money.ImportProblemCode.UnknownBuilding => $"本小区没有 {v} 号楼",
            _ => $"这一期（从 {v} 起）已经公布过",
        };
    }

    public override string StatementAccount => "账户";

    public override string BuildingLabel => "楼栋（维修资金）";

    public override string PeriodFrom => "期间开始日";

    public override string PeriodTo => "期间结束日";

    public override string OpeningYuan => "期初余额（元）";

    public override string LinesFile => "明细文件（.xlsx 或 .csv）";

    public override string LinesFileHelp => "第一行为标题：日期、类别、金额、摘要，可选：表决、凭证（也可用英文 date, kind, amount, description, vote, document）。类别：缴存、利息、停车收益、广告收益、场地租赁、支出、计划支出。金额以元为单位，最多两位小数。";

    public override string PublishStatement => "检查并公布";

    public override string NoticesTitle => "通知公告";

    public override string NoNotices => "暂无通知。";

    public override string NoticeRead => "已读";

    public override string NoticeUnread => "未读";

    public override string PublishNoticeTitle => "发布通知公告";

    public override string NoticePublishedText(long logIndex) => $"已发布，日志第 {logIndex} 条。";

    public override string NoticeTitleLabel => "标题";

    public override string NoticeBodyLabel => "正文";

    public override string NoticeScopeLabel => "发给哪些楼的业主（都不选即全体业主）";

    public override string PublishNotice => "发布";

    public override string ReadReceipts => "阅读情况（每栋楼已读业主数 / 业主数）";

    public override string ReadCount => "已读 / 业主";
}
