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

    public override string CompoundWitnessesHeading => "本小区的见证人";

    public override string CompoundWitnessQuorum(int quorum, int witnesses) => $"本小区的投票回执须在 {witnesses} 位本小区见证人中至少 {quorum} 位联署检查点后才发出。";

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

    public override string Channel(string wire) => wire switch
    {
        "paper" => "纸质",
        "silent-majority" => "未投票视为同意",
        _ => "网上",
    };

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

    public override string SignInIntro => "第一次登录：请输入业主告知书上的一次性邀请码。登记资料中有您手机号的，还要输入手机号后四位；没有手机号的，只凭邀请码核验。每个邀请码只能用一次，过期作废。";

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
        "too-many-units" => "这张选票超过了公开记录对一张选票的容量，没有记录。请联系业主委员会。",
        _ => $"签名未通过核验，选票没有提交（{code}）。请再试一次。",
    };

    public override string BallotRefusedTitle(string code) => code switch
    {
        "not-in-scope" => "这个事项不由您表决",
        "not-yet-open" => "投票还没有开始",
        "closed" => "投票已截止",
        "already-voted" => "您已经投过票",
        "no-passkey" => "请先设置通行密钥",
        "too-many-units" => "名下房屋太多，一张选票写不下",
        _ => "暂时不能投票",
    };

    public override string BallotRefusedText(string code) => code switch
    {
        "not-in-scope" => "只有表决范围内楼栋的业主才能对本事项投票（《上海市住宅物业管理规定》第六十九条）。",
        "not-yet-open" => "请在投票开始后再来。",
        "closed" => "本事项的投票已经结束，可以查看结果。",
        "already-voted" => "本事项投票后不能更改。",
        "no-passkey" => "投票要用您的通行密钥签名。请在这台手机上设置通行密钥（新设置的通行密钥可能要等一段时间才能投票）。",
        "too-many-units" => "一张选票要写明您名下参加表决的全部房屋，您名下的房屋超过了一张选票能记录的数量。选票没有生成，也没有记录任何内容。请联系业主委员会。",
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

    public override string ReceiptHeldText(long index) =>
        $"这张选票已经记入公开日志，是第 {index} 条。回执要等独立的见证人确认（副署）这份日志之后才能给出。本页会每隔几秒自动再查一次，回执好了就显示在这里；您不必重新投票。";

    public override string ReceiptHeldMissing => "还在等待的见证人：";

    public override string ReceiptHeldCheckAgain => "再查一次";

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

    // Paper ballots (issue 5).
    public override string PaperTitle => "纸质表决票";

    public override string PaperSummary(int principals, int votedOnline, int issued, int recorded) =>
        $"表决范围内共 {principals} 票（按表决权人计）：网上已投 {votedOnline} 票；有效的纸质表决票 {issued} 张；已录入纸质票 {recorded} 张。";

    public override string PaperPrintRefused(Features.Paper.PrintRefusal refusal, string? detail) => refusal switch
    {
        Features.Paper.PrintRefusal.Closed => "表决已结束，不再发放纸质表决票；已收回的表决票仍可录入。",
        Features.Paper.PrintRefusal.NothingToPrint => "范围内的业主都已投票，无需打印。",
        Features.Paper.PrintRefusal.NotInScope => "该房号不在本次表决的范围内（或不在名册上）。",
        Features.Paper.PrintRefusal.AlreadyRecorded => "该业主的纸质表决票已录入，不再补发。",
        Features.Paper.PrintRefusal.Layout => $"表决事项无法排在一页表决票上：{detail}",
        Features.Paper.PrintRefusal.TooManyUnits => $"该表决权人名下有 {detail} 套房屋，超过一张表决票能记录的数量，不能发放表决票；没有记录任何内容。请与业主委员会商定。",
        _ => "找不到该表决。",
    };

    public override string PaperTooManyUnits(IReadOnlyList<string> firstUnits) =>
        $"以下表决权人名下房屋太多，超过一张表决票能记录的数量，打印全部时不为其打印表决票（列出其名下第一套房号）：{string.Join("、", firstUnits)}。";

    public override string PaperPrintAllTitle => "打印全部表决票";

    public override string PaperPrintAllHint => "为每位未在网上投票、也未录入纸质票的业主打印一页（一户多套房合为一页）。每页的流水号记入公开日志；再次打印会作废之前发出的表决票。";

    public override string PaperPrintAll => "打印全部纸质表决票（PDF）";

    public override string PaperReissueTitle => "补发单张";

    public override string PaperReissueHint => "为一户补发表决票；补发后该业主之前的纸质表决票作废。";

    public override string PaperUnitLabel => "房号（如 57-101）";

    public override string PaperReissue => "补发该户表决票（PDF）";

    public override string PaperUploadTitle => "上传表决票扫描件";

    public override string PaperReviewTitle => "纸质表决票复核";

    public override string PaperResultLink => "查看计票结果";

    public override string PaperUploadIntro => "可上传 PNG、JPEG、TIFF（可多页）或 PDF（可多页）。每页识别后进入复核队列，须两位工作人员确认后才记入日志。";

    public override string PaperUploadFiles => "扫描文件";

    public override string PaperUpload => "上传并识别";

    public override string PaperUploadFailed(string? file, string error) =>
        file is null ? "请选择至少一个扫描文件。" : $"无法读取文件 {file}（{error}）。本次上传没有保存任何内容。";

    public override string PaperQueued(int pages) => $"已识别 {pages} 页，已放入复核队列。";

    public override string PaperPageOf(string file, int page) => $"{file} 第 {page} 页";

    public override string PaperScanRefusal(string code) => code switch
    {
        "mac-mismatch" => "拒收：二维码校验失败，表决票系伪造或被篡改",
        "qr-malformed" => "拒收：二维码不是本系统的表决票",
        "wrong-vote" => "拒收：这是另一项表决的表决票",
        "qr-unreadable" => "无法读取二维码：请重新扫描",
        "serial-not-issued" => "拒收：该流水号从未发放",
        "serial-voided" => "拒收：该表决票已作废（已为该业主补发新票）",
        "not-as-issued" => "拒收：房号与发放记录不符",
        _ => "拒收：" + code,
    };

    public override string PaperScanState(string state) => state switch
    {
        "pending" => "待第一位工作人员确认",
        "confirmed" => "待第二位工作人员批准",
        "recording" => "正在记入日志",
        "recorded" => "已记入日志",
        "duplicate" => "重复：该流水号已录入（只计一次）",
        _ => "拒收",
    };

    public override string PaperReadClearly => "识别清楚";

    public override string PaperNeedsLook => "需要仔细复核";

    public override string PaperReviewIntro => "每张表决票须两位不同的工作人员：第一位对照图像确认或更正识别结果，第二位批准后才记入公开日志。";

    public override string PaperReviewEmpty => "复核队列是空的。";

    public override string PaperReviewRefused(Features.Paper.ReviewRefusal refusal) => refusal switch
    {
        Features.Paper.ReviewRefusal.SameOfficer => "两人规则：确认识别结果的工作人员不能再批准同一张表决票，请另一位工作人员批准。",
        Features.Paper.ReviewRefusal.SheetRefused => "这张表决票已被拒收，不能录入。",
        Features.Paper.ReviewRefusal.NotWaiting => "这张表决票已由其他工作人员处理。",
        Features.Paper.ReviewRefusal.BadAnswers => "请为每道题选择同意、反对、弃权或无效。",
        Features.Paper.ReviewRefusal.DuplicateSerial => "该流水号已录入过一次：同一张表决票只计一次。",
        Features.Paper.ReviewRefusal.SerialVoided => "该表决票已作废（已为该业主补发新票），不能录入。",
        _ => "找不到这张表决票。",
    };

    public override string PaperReviewDone(long? index, string? superseded) =>
        index is not { } i ? "已确认，等待另一位工作人员批准。"
        : superseded is null ? $"已记入公开日志第 {i} 条，计入票数。"
        : $"已记入公开日志第 {i} 条；该业主已在网上投票，以网上投票为准，本纸质票不计入。";

    public override string PaperSerial(string serial) => $"流水号 {serial}";

    public override string PaperReviewReason(string code) => code switch
    {
        "corners-not-found" => "找不到四角定位方块",
        "orientation-unclear" => "无法判断正反方向",
        "scale-off" => "图像比例失真超过 2%",
        "low-contrast" => "对比度太低",
        "noisy-background" => "空白处有杂色",
        "qr-unreadable" => "无法读取二维码",
        "qr-malformed" => "二维码格式不符",
        "mac-mismatch" => "二维码校验失败（伪造或被篡改）",
        "wrong-vote" => "另一项表决的表决票",
        "serial-refused" => "流水号不可用",
        "duplicate-serial" => "流水号重复",
        "no-questions" => "找不到表决栏",
        "question-rows" => "表决栏行数不符",
        "no-mark" => "有题目未填涂",
        "multiple-marks" => "有题目填涂了多个选项",
        "uncertain-mark" => "有方框的笔迹不清",
        "no-signature" => "签名栏没有签名",
        _ => code,
    };

    public override string PaperScanImage(string? unit) => unit is null ? "扫描图像" : $"{unit} 的扫描图像，方框已标出";

    public override string PaperSignatureRead(bool signed, int ink) =>
        $"签名栏：{(signed ? "有签名" : "未见签名")}（墨迹 {ink / 10}.{ink % 10}%）";

    public override string PaperUpsideDown => "（倒置扫描）";

    public override string PaperQuestionColumn => "题目";

    public override string PaperReadColumn => "识别结果";

    public override string PaperConfirmColumn => "确认";

    public override string PaperReadValue(string value) => value switch
    {
        "yes" => "同意",
        "no" => "反对",
        "abstain" => "弃权",
        "multiple" => "多选",
        _ => "未填",
    };

    public override string PaperInk(IReadOnlyList<int> ink) =>
        $"（同意 {ink[0] / 10}.{ink[0] % 10}% · 反对 {ink[1] / 10}.{ink[1] % 10}% · 弃权 {ink[2] / 10}.{ink[2] % 10}%）";

    public override string PaperChoice(string choice) => choice switch
    {
        "yes" => "同意",
        "no" => "反对",
        "abstain" => "弃权",
        _ => "无效",
    };

    public override string PaperSignedLabel => "表决票上有业主签名";

    public override string PaperConfirm => "确认识别结果";

    public override string PaperConfirmedBy(string officer, bool signed) =>
        signed ? $"{officer} 已确认。" : $"{officer} 已确认：未签名，各题按无效票记录（计入参与，不计同意）。";

    public override string PaperApprove => "批准并记入日志";

    public override string PaperReturn => "退回重新确认";

    public override string ProxyRegisterTitle => "登记委托投票";

    public override string ProxyRegisterIntro => "业主可以书面委托他人投票（《上海市住宅物业管理规定》第十八条）。请核对业主签名的委托书，上传扫描件；代理人的邀请码须由另一位工作人员批准。";

    public override string ProxyIdNumberLabel => "代理人身份证号（只保存其密钥哈希）";

    public override string ProxyVoteLabel => "委托的表决编号（一次表决）";

    public override string ProxyFromLabel => "或委托期间：自";

    public override string ProxyUntilLabel => "至";

    public override string ProxyScanLabel => "委托书扫描件";

    public override string ProxyRegister => "登记委托";

    public override string ProxyRegistered(string unit, long index) => $"已登记 {unit} 业主的委托（日志第 {index} 条）。代理人的邀请码等待另一位工作人员批准。";

    public override string ProxyRefused(string reason) => reason switch
    {
        "NotOnRoll" => "名册上没有这个房号。",
        "NoProxy" => "请填写代理人的身份证号（不能是业主本人）。",
        "BadScope" => "请填写一个已发布的表决编号，或一个开始早于结束的委托期间。",
        "NoScan" => "请上传业主签名的委托书扫描件。",
        "AlreadyRevoked" => "这项委托已经撤销。",
        "ProxyVoted" => "代理人已经按这项委托投票，这张选票有效；如表决允许改票，您仍可以亲自投票。",
        "NoCredential" => "您还没有可以签名的通行密钥（或还在冷静期内）。",
        "BadSignature" => "签名没有通过核验，委托没有生效。",
        "Busy" => "系统繁忙，请稍后再试。",
        _ => "没有这项委托。",
    };

    public override string ProxiesTitle => "我的委托";

    public override string ProxiesIntro => "您委托他人代为投票的记录。撤销后，代理人之后投的票不再计入；撤销前已投的票有效。您亲自投票后，代理人的票不再计入。";

    public override string ProxiesNone => "您没有委托他人投票。";

    public override string ProxyItem(string? vote, string? from, string? until, string granted) =>
        vote is not null ? $"表决 {vote} 的委托，{granted} 登记" : $"{from} 至 {until} 期间的委托，{granted} 登记";

    public override string ProxyRevoke => "撤销委托";

    public override string ProxyRevokedAt(string when) => $"已于 {when} 撤销";

    public override string ProxyRevokedNote => "委托已撤销，并已记入日志。";

    public override string ProxiesGrantLink => "在网上委托他人投票";

    public override string MandateTitle => "委托他人投票";

    public override string MandateIntro => "您可以书面委托他人代您投票（《上海市住宅物业管理规定》第十八条）。在网上委托时，用您的通行密钥签名就是您的书面签名（《电子签名法》第十三、十四条）。受托人可以是本小区的业主（填写其房号），也可以是其他人（填写其身份证号，只保存其密钥哈希；受托人须到物业服务中心，由两位工作人员核对身份后领取邀请码）。";

    public override string MandateWhoLegend => "受托人";

    public override string MandateProxyUnitLabel => "受托人的房号（本小区业主）";

    public override string MandateProxyIdLabel => "或受托人的身份证号（不是本小区业主）";

    public override string MandateScopeLegend => "委托范围";

    public override string MandateVoteLabel => "委托的表决";

    public override string MandatePeriodOption => "不限于一次表决，按下面的期间委托";

    public override string MandatePrepare => "查看委托书";

    public override IReadOnlyList<string> MandateText(IReadOnlyList<string> ownerUnits, string? proxyUnit, string? proxyIdTail, string? vote, string? from, string? until) =>
    [
        $"委托人：{string.Join("、", ownerUnits)} 的业主（本人）。",
        proxyUnit is not null ? $"受托人：{proxyUnit} 的业主。" : $"受托人：身份证号末四位为 {proxyIdTail} 的人。",
        vote is not null ? $"委托事项：代本人在“{vote}”这项表决中投票。" : $"委托事项：代本人在 {from} 至 {until} 期间进行的表决中投票。",
        "本人可以随时撤销这项委托；撤销前受托人已投的票有效，撤销后投的票不计入。本人亲自投票后，受托人在该表决中的票不再计入。",
        "这份委托书将和您的签名一起记入公开日志（只有房号和密钥哈希，没有姓名和身份证号），任何人都可以核验。",
    ];

    public override string MandateExact => "签名的原文（JSON）";

    public override string MandateSignExplain => "请确认以上内容无误，然后用通行密钥签名。";

    public override string MandateSign => "签名委托";

    public override string MandateSignFailed => "没有签名，委托没有生效。请再试一次。";

    public override string MandateStartAgain => "重新填写";

    public override string MandateGranted(long index) => $"委托已签名并记入日志（第 {index} 条）。";

    public override string MandateInvite => "请受托人携带身份证到物业服务中心，由两位工作人员核对后领取邀请码，设置自己的通行密钥后即可代您投票。";

    public override string ProxyInviteTitle => "网上委托的代理人领取邀请码";

    public override string ProxyInviteIntro => "业主在网上按身份证号委托了代理人时，请核对代理人的身份证件，填写委托业主的房号和代理人的身份证号；邀请码须由另一位工作人员批准。";

    public override string ProxyInvite => "申请邀请码";

    public override string ProxyInviteRequested(string unit) => $"已为 {unit} 业主委托的代理人申请邀请码，等待另一位工作人员批准。";

    public override string RevokeTitle => "注销业主的通行密钥（工作人员）";

    public override string RevokeIntro => "业主手机丢失或被盗时，核对业主本人身份后申请注销其全部通行密钥和设备密钥；须由另一位工作人员批准。注销记入日志并写明两位工作人员，之后用这些密钥签名的选票和委托都不计入；系统会通知业主，业主可再到服务台办理登记。";

    public override string RevokeReasonLabel => "原因";

    public override string RevokeReason(string code) => code switch
    {
        "lost-device" => "手机丢失",
        "stolen-device" => "手机被盗",
        _ => "业主本人要求",
    };

    public override string RevokeIdentityChecked => "我已核对业主本人的身份证件";

    public override string RevokeRequest => "申请注销，等待第二位工作人员批准";

    public override string RevokeRequested(string unit) => $"已申请注销 {unit} 业主的通行密钥，等待另一位工作人员批准。";

    public override string RevokePendingTitle => "等待批准的注销申请";

    public override string RevokePendingItem(string unit, string reason, string officer, string when) => $"{unit}（{reason}），{officer} 于 {when} 申请";

    public override string RevokeApprove => "批准注销";

    public override string RevokeDone(string unit, int credentials, string officers, bool notified) =>
        $"已注销 {unit} 业主的 {credentials} 个密钥，记入日志（{officers}）。" + (notified ? "已通知业主。" : "通知没有发出，请另行告知业主。");

    public override string RevokeRefused(string reason) => reason switch
    {
        "SameOfficer" => "同一位工作人员不能既申请又批准（两人规则）。",
        "NotOnRoll" => "名册上没有这个房号。",
        "IdentityNotChecked" => "请先核对业主身份并勾选确认。",
        "BadReason" => "请选择注销的原因。",
        "NoCredential" => "这位业主没有可以注销的密钥。",
        _ => "没有这项待批准的申请。",
    };

    public override string VotingAsProxy => "您作为代理人，为委托您的业主投票。";

    public override string BallotsByProxy(int proxy) => $"其中由代理人代为投票 {proxy} 份。";

    public override string CustodialTitle => "代为录入选票";

    public override string CustodialIntro => "为没有合适手机的业主，在业主本人在场时录入其选择；须由另一位工作人员确认后才记入日志，选票标明为代投并写明两位工作人员。";

    public override string CustodialOwnerPresent => "业主本人在场，我已核对其身份证件，以上是业主本人的选择";

    public override string CustodialEnter => "录入，等待第二位工作人员确认";

    public override string CustodialEntered(string unit) => $"已录入 {unit} 业主的选择，等待另一位工作人员确认。";

    public override string CustodialRefused(string reason) => reason switch
    {
        "NoSuchVote" => "没有这项表决。",
        "NotOnRoll" => "这项表决的名册上没有这个房号。",
        "TooManyUnits" => "该表决权人名下房屋太多，超过一张选票能记录的数量，不能代为录入；没有记录任何内容。请与业主委员会商定。",
        "NotInScope" => "这个房号不在本次表决的范围内。",
        "OwnerNotPresent" => "请确认业主本人在场并已核对身份。",
        "BadAnswers" => "请为每个问题选择一项。",
        "NotOpen" => "这项表决现在不在投票期内。",
        "AlreadyVoted" => "该业主已经投票，本次表决不允许改票。",
        "SameOfficer" => "录入的工作人员不能自己确认（两人规则）。",
        _ => "没有这张待确认的选票。",
    };

    public override string CustodialConfirmTitle => "确认代投选票";

    public override string CustodialConfirmIntro => "请当着业主的面核对其选择，再确认。确认后选票记入日志，业主会收到通知和打印的回执。";

    public override string CustodialPendingItem(string unit, string answers, string enteredBy) => $"{unit}：{answers}（{enteredBy} 录入）";

    public override string CustodialConfirm => "确认";

    public override string CustodialConfirmed(long index, string leafHash, bool counts) =>
        $"代投选票已记入日志第 {index} 条（叶哈希 {leafHash}）。" + (counts ? "这张选票计入结果。" : "这张选票不计入结果。");

    public override string CustodialNotNotified => "未能通知业主，请另行告知。";

    public override string CustodialPrintReceipt => "打印回执";

    public override string CustodialReceiptHeld(long index) =>
        $"代投选票已记入日志第 {index} 条，但独立见证人还没有确认（副署）这份日志，回执暂时不能打印。见证人确认后即可打印；不必重新录入。";

    public override string CustodialReceiptHeading => "代投选票回执";

    public override string CustodialReceiptMatter => "表决事项";

    public override string CustodialReceiptUnits => "房号";

    public override string CustodialReceiptAnswers => "业主的选择";

    public override string CustodialReceiptOfficers => "工作人员";

    public override string CustodialReceiptOfficerNames(string enteredBy, string confirmedBy) => $"{enteredBy} 录入，{confirmedBy} 确认";

    public override string CustodialReceiptEntry => "日志记录";

    public override string CustodialReceiptEntryText(long index, string leafHash, string when) => $"第 {index} 条，{when}\n叶哈希 {leafHash}\n下方为该记录的包含证明，可在本站“核验选票”页或用 ov verify --receipt 核对。";

    // Issue 6: the editable roll, invitation letters (helper "roll").
    public override string RollTitle => "业主名册";

    public override string RollIntro => "名册是每次表决冻结名册的来源：导入、修改和过户都记录经办工作人员；冻结写入公开日志，业主只以密钥哈希出现，不含姓名和身份证号。";
    public override string RollImportHeading => "导入名册";

    public override string RollImportHint => "上传 .xlsx 或 .csv 文件，表头为 楼号、室号、业主编号、面积、面积来源（可选 姓名、身份证号、手机）。开发商未售房屋的业主编号填“开发商”。任何一行有误则整份不导入，并列出每一行的问题。";
    public override string RollImportFile => "名册文件（.xlsx 或 .csv）";

    public override string RollImportButton => "导入";
    public override string RollImported(int units, int owners) => $"已导入 {units} 个专有部分，{owners} 位业主。";

    public override string RollImportFailed(int problems) => $"名册有 {problems} 处问题，未导入任何内容：";
    public override string RollFreezeHeading => "为新的表决冻结名册";

    public override string RollFreezeHint => "按表决开始时的业主冻结名册（开始之后生效的过户不计入），写入日志后不能更改。";
    public override string RollVoteIdLabel => "表决编号（小写字母、数字和连字符）";

    public override string RollOpensLabel => "表决开始时间（北京时间）";
    public override string RollFreezeButton => "冻结名册";

    public override string RollFrozenDone(string vote, int units, int heads, string area, long logIndex, int entries) =>
        $"表决 {vote} 的名册已冻结：{units} 个专有部分，{heads} 人，{area} 平方米（日志第 {logIndex} 条{(entries > 1 ? $"起，共 {entries} 条" : "")}）。";

    public override string RollFreezeRefused(string refusal) => "未冻结：" + refusal switch
    {
        "BadVoteId" => "表决编号或开始时间无效。",
        "UnknownCompound" => "小区尚未登记。",
        "EmptyRoll" => "名册为空，请先导入。",
        "AlreadyFrozen" => "该表决的名册已冻结。",
        _ => refusal,
    };

    public override string RollUnitsHeading => "专有部分";
    public override string RollAllBuildings => "全部楼栋";

    public override string RollFilter => "筛选";
    public override string RollColumnUnit => "房号";

    public override string RollColumnBuilding => "楼号";
    public override string RollColumnArea => "面积（平方米）";

    public override string RollColumnSource => "面积来源";
    public override string RollColumnOwner => "投票业主";

    public override string RollColumnCoOwners => "其他共有人";
    public override string RollColumnWhen => "时间";

    public override string RollColumnOfficer => "经办人";
    public override string RollColumnChange => "变更";

    public override string RollHistoryHeading => "变更记录";
    public override string RollAreaSource(OwnersVote.Voting.AreaSource source) => source switch
    {
        OwnersVote.Voting.AreaSource.Registry => "不动产登记",
        OwnersVote.Voting.AreaSource.Survey => "实测",
        _ => "合同",
    };

    public override string RollUnitTitle(string unit) => $"名册：{unit}";
    public override string RollSaved => "已保存，并记入变更记录。";

    public override string RollRefused(string refusal) => "未保存：" + refusal switch
    {
        "UnknownUnit" => "名册上没有这个房号。",
        "BadId" => "编号或日期无效。",
        "BadArea" => "面积须为平方米、最多两位小数，且不能为 0。",
        "BadAreaSource" => "面积来源须为不动产登记、实测或合同。",
        "BadIdNumber" => "身份证号的位数或校验码不对。",
        "BadPhone" => "手机号码无效。",
        "OwnerMismatch" => "该业主编号已登记为另一身份证号的业主。",
        "SameOwner" => "已经是该房屋的业主。",
        "NotACoOwner" => "此人不是该房屋的共有人。",
        "DeveloperCoOwner" => "开发商的未售房屋不能与个人共有。",
        _ => refusal,
    };

    public override string RollEditUnitHeading => "修改面积和楼号";
    public override string RollAreaLabel => "专有部分面积（平方米）";

    public override string RollSave => "保存";
    public override string RollOwnersHeading => "业主";

    public override string RollOwnerCode => "业主编号";
    public override string RollOwnerName => "姓名";

    public override string RollOwnerPhone => "手机";
    public override string RollOwnerIdNumber => "身份证号";

    public override string RollIdOnFile => "已登记（仅存哈希）";
    public override string RollCasts => "代表投票";

    public override string RollChooseCaster => "改由此人投票";
    public override string RollEditOwnerHeading => "修改业主信息";

    public override string RollTransferHeading => "过户";
    public override string RollTransferHint => "新业主参加过户生效之后开始的表决；之前已开始的表决仍由原业主投票。";

    public override string RollNewOwner => "新业主编号";
    public override string RollEffective => "过户登记日期";

    public override string RollTransferButton => "登记过户";
    public override string RollCoOwnerHeading => "添加共有人";

    public override string RollAddCoOwner => "添加";
    public override string RollTransfersHeading => "过户记录";

    public override string RollTransferItem(string from, string to, string effective, string officer) => $"{from} → {to}，{effective} 起生效（经办：{officer}）";
    public override string LettersTitle => "邀请函";

    public override string LettersIntro => "为一栋楼的每位投票业主打印邀请函（一次性邀请码和二维码）。一位工作人员申请，另一位批准并打印；邀请码只在打印时出现一次。发放后请登记发放人和方式。";
    public override string LettersRequest => "申请打印";

    public override string LettersRequested(string building) => $"已申请打印 {building} 号楼的邀请函，请另一位工作人员批准。";
    public override string LettersRefused(string refusal) => "未完成：" + refusal switch
    {
        "NoSuchBuilding" => "名册上没有这栋楼。",
        "Unknown" => "没有这项申请或邀请函。",
        "SameOfficer" => "申请人不能批准自己的申请。",
        "BadMethod" => "请选择发放方式。",
        _ => refusal,
    };

    public override string LettersPendingHeading => "待批准";
    public override string LettersPendingItem(string building, string officer, string when) => $"{building} 号楼，{officer} 于 {when} 申请";

    public override string LettersApprove => "批准并下载 PDF";
    public override string LettersPrintedHeading => "已打印的邀请函";

    public override string LettersPrintedAt => "打印时间";
    public override string LettersDelivery => "发放";

    public override string LettersDeliver => "登记发放";
    public override string LettersDelivered(string officer, string when, string method) => $"{officer} 于 {when} {method}";

    public override string DeliveryMethod(string method) => method switch
    {
        "in-person" => "当面交付",
        "mailbox" => "投入信箱",
        "post" => "邮寄",
        _ => method,
    };

    public override string LetterTo(string owner) => $"尊敬的 {owner}：";
    public override string LetterScan => "扫码登录";

    public override string LetterFooter(string letterId) => $"邀请函编号 {letterId}（用于登记发放，不是邀请码）";
    // Issue 6: privacy (my data, retention), sign-in through an identity provider, the phone check.
    public override string PhoneEndingLabel => "手机号后四位";

    public override string PhoneEndingHint => "登记资料中有您的手机号。为确认是您本人，请输入这个手机号的后四位。";

    public override string PhoneEndingWrong => "手机号后四位不对。请再核对一下；多次输错后，这个邀请码当天不能再用。";

    public override string NoPhoneOnFile => "登记资料中没有您的手机号，所以登录时没有核对手机号后四位。如需登记手机号，请联系物业服务中心或业委会。";

    public override string ExternalSignInHeading => "用政务身份认证登录";

    public override string ExternalSignInIntro(string provider) => $"也可以不用邀请码：在“{provider}”中核验身份后回到本站。本站只核对您的身份证号是否在业主名册上（只保存加密散列，不保存号码本身）。";

    public override string ExternalSignInButton(string provider) => $"用“{provider}”登录";

    public override string ExternalUnknownOwner => "身份已核验，但业主名册中没有登记这个身份证号，无法登录。请用业主告知书上的邀请码登录，或到物业服务中心核对名册。";

    public override string ExternalAmbiguous => "这个身份证号登记在多个小区的名册上，无法自动确定是哪个小区。请用该小区业主告知书上的邀请码登录。";

    public override string ExternalFailed => "身份认证没有通过（认证结果无效或已被拒绝），没有登录。请重试，或用邀请码登录。";

    public override string MyDataTitle => "我的个人信息";

    public override string MyDataIntro => "这里列出本系统保存的关于您的全部信息（《个人信息保护法》第四十四条、第四十五条）。公开的结果页只显示房号和面积，不显示姓名或证件号。";

    public override string MyDataDownload => "下载我的数据（JSON）";

    public override string MyDataWho => "身份";

    public override string MyDataCompound => "小区";

    public override string MyDataOwnerHash => "业主编号（加密散列）";

    public override string MyDataIdNumber => "身份证号";

    public override string MyDataIdNumberHashed => "已登记（只保存加密散列，不保存号码本身）";

    public override string MyDataPhone => "手机号";

    public override string MyDataRecordedBy => "登记人";

    public override string MyDataNone => "无";

    public override string MyDataUnits => "我的房屋和面积";

    public override string MyDataAreaSource => "面积来源";

    public override string MyDataSource(string source) => source switch
    {
        "registry" => "不动产登记簿",
        "survey" => "测绘面积",
        "contract" => "合同面积",
        _ => source,
    };

    public override string MyDataRollEntries => "各次表决冻结的业主名册中的记录";

    public override string MyDataCredentials => "通行密钥和设备密钥";

    public override string MyDataCredential(string kind, DateTimeOffset? enrolledAt, DateTimeOffset activeFrom, DateTimeOffset? revokedAt) =>
        (kind == "device-key" ? "设备密钥" : "通行密钥")
        + (enrolledAt is { } e ? $"，{When(e)} 设置" : "")
        + $"，{When(activeFrom)} 起可以投票"
        + (revokedAt is { } r ? $"，{When(r)} 已作废" : "，有效");

    public override string MyDataInvitations => "邀请码和登录记录";

    public override string MyDataInvitation(bool external, string issuedBy, DateTimeOffset expiresAt, DateTimeOffset? usedAt) =>
        external
            ? $"通过政务身份认证登录（{issuedBy}），{When(usedAt ?? expiresAt)}"
            : $"邀请码（由 {issuedBy} 签发，只保存散列），" + (usedAt is { } u ? $"{When(u)} 已使用" : $"未使用，{When(expiresAt)} 过期");

    public override string MyDataDesk(string unit, string requestedBy, DateTimeOffset requestedAt, string? approvedBy, DateTimeOffset? approvedAt) =>
        $"{When(requestedAt)} 在服务台为 {unit} 登记，经办 {requestedBy}" + (approvedBy is { } a && approvedAt is { } at ? $"，{When(at)} 由 {a} 复核" : "，待复核");

    public override string MyDataBallots => "我的选票和回执";

    public override string MyDataReceipt(long entry) => $"回执（日志第 {entry} 条）";

    public override string MyDataNotices => "发给我的通知";

    public override string MyDataNotice(string template) => template switch
    {
        "credential-enrolled" => "新的通行密钥已设置（冷静期后可以投票）",
        _ => template,
    };

    public override string MyDataNotHeld => "本系统不保存您的身份证号码本身，只保存它的加密散列。公开日志中的选票只用加密散列代表您，不出现姓名。";

    public override string MyDataNothing => "本系统在这个小区没有保存关于您的任何信息。";

    // Issue 7: the vote lifecycle (drafts, deliveries, reminders, objections, final result)
    public override string ManageVotesTitle => "表决管理";

    public override string ManageVotesIntro => "起草、公告、截止、公布结果、答复询异、确认最终结果。公告之后的每一步都写入日志。";

    public override string NewDraft => "新建表决草稿";

    public override string NoVotesYet => "还没有表决。";

    public override string Stage(string stage) => stage switch
    {
        "Draft" => "草稿（未公开）",
        "Announced" => "已公告，未开始",
        "Open" => "表决中",
        "Closed" => "已截止，待公布结果",
        "ObjectionPeriod" => "初步结果公示中（询异期）",
        "AwaitingFinal" => "询异期已结束，待确认最终结果",
        "AwaitingCorrection" => "询异成立，待公布更正后的初步结果",
        "Final" => "最终结果",
        _ => stage,
    };

    public override string DraftTitle => "表决草稿";

    public override string DraftIntro => "草稿只有业委会和工作人员可见，不写入日志；公告后冻结业主名册并公开表决事项。";

    public override string LifecycleRefused(string code) => code switch
    {
        "not-found" => "找不到该表决。",
        "wrong-stage" => "表决当前所处的阶段不能进行这一步。",
        "not-due" => "时间未到：表决截止前不能截止，询异期结束前不能确认最终结果。",
        "objections-open" => "还有询异未答复，不能确认最终结果。",
        "correction-due" => "有询异已被认定成立，须先公布更正后的初步结果，才能确认最终结果。",
        "no-ballot-to-set-aside" => "所填房号在本次表决中没有计入的表决票。",
        "undelivered" => "“未投票视为同意”要求向每位未投票业主送达的证明；仍有业主未记录送达。",
        "not-on-roll" => "不在本次表决的业主名册内。",
        "not-in-objection-period" => "只能在初步结果公示的询异期内提出询异。",
        "bad-text" => "请填写完整：标题、正文和至少一个表决问题（文字不超过 2000 字）。",
        "text-too-long" => "正文最多 15000 字，标题最多 200 字，每个问题最多 500 字：公告要放进一条日志记录。更长的方案请写要点，全文另行公示。",
        "bad-id" => "表决编号只能用小写字母、数字和“-”，最多 64 个字符。",
        "id-taken" => "该表决编号已被使用。",
        "bad-channel" => "请选择送达方式。",
        "no-roll" => "本小区还没有业主名册。",
        "unknown-building" => "表决范围中的楼栋不在业主名册内。",
        "log-refused" => "这一步与日志中已有的记录不一致，未写入。",
        "schedule:OpensBeforeAnnouncement" => "开始时间不能早于公告时间。",
        "schedule:PeriodTooShort" => "表决期不能少于 5 天。",
        "schedule:PeriodTooLong" => "表决期不能超过 60 天。",
        "schedule:ObjectionPeriodOutOfRange" => "询异期为 1 小时至 30 天。",
        "schedule:ReminderOutsidePeriod" => "提醒时间须在表决期内。",
        _ => code,
    };

    public override string DraftSaved => "草稿已保存。";

    public override string MajorMatterWarning(string terms) => $"注意：事项中出现“{terms}”，看起来属于筹集维修资金、改建重建或改变共有部分用途等重大事项，须经参与表决面积和人数四分之三以上同意（《民法典》第二百七十八条）。请核对每个问题的表决规则。";

    public override string DraftVoteId => "表决编号（小写字母、数字、-）";

    public override string DraftMatterTitle => "表决事项标题";

    public override string DraftScope => "表决范围：楼栋号，用逗号分隔；留空为全体业主";

    public override string DraftQuestion(int number) => $"第 {number} 个表决问题";

    public override string DraftQuestionText => "问题（留空则不用）";

    public override string DraftThreshold => "表决规则";

    public override string ThresholdOrdinary => "一般事项：过半数同意";

    public override string ThresholdMajor => "重大事项：四分之三以上同意";

    public override string DraftOpens => "开始时间（北京时间）";

    public override string DraftVotingDays => "表决期（天，5–60）";

    public override string DraftObjectionHours => "询异期（小时，0 为不设）";

    public override string DraftReminders => "截止前多少小时提醒未投票业主（逗号分隔）";

    public override string DraftAllowChange => "表决期内允许业主改票";

    public override string DraftSilentMajority => "未投票视为同意（默认关闭）";

    public override string SilentMajorityWarning => "警告：“未投票视为同意”只有在向每位未投票业主都有送达证明时才计入，且存在被法院撤销的风险（(2022)沪02民初16号）。除非管理规约明确约定，请不要开启。";

    public override string DraftSave => "保存草稿";

    public override string DraftAnnounce => "公告（冻结名册，写入日志）";

    public override string LifecycleDone => "已完成，并已写入日志。";

    public override string ObjectionPeriodEnds => "询异期截止";

    public override string Turnout => "投票与送达";

    public override string TurnoutText(int voted, int principals, int delivered, int reminders) => $"{principals} 户中已投票 {voted} 户；已记录送达 {delivered} 户；已发提醒 {reminders} 条";

    public override string Timeline => "表决进程";

    public override string PreliminaryResult => "初步结果公布";

    public override string LifecycleActions => "操作";

    public override string DeliveryTitle => "送达记录";

    public override string NotVotedTitle => "未投票业主清单";

    public override string CloseVote => "截止表决";

    public override string PublishResult => "公布计票结果";

    public override string FinaliseResult => "确认最终结果";

    public override string ObjectionsTitle => "询异与答复";

    public override string NoObjections => "没有询异。";

    public override string CommitteeAnswer => "业委会答复";

    public override string AnswerLabel => "答复";

    public override string AnswerSubmit => "提交答复";

    public override string DeliveryIntro => "每户的表决通知和表决票通过什么方式、何时、由谁送达。只显示是否已投票，不显示投票内容。";

    public override string UnitsLabel => "房号";

    public override string VotedLabel => "是否已投票";

    public override string DeliveredLabel => "送达";

    public override string RecordDelivery => "记录送达";

    public override string VotedYes => "已投票";

    public override string VotedNotYet => "未投票";

    public override string DeliveryChannelName(string wire) => wire switch
    {
        "app" => "网站/应用",
        "sms" => "短信",
        "letter" => "书面信件",
        "posted" => "楼道张贴",
        "door" => "上门送达",
        _ => wire,
    };

    public override string NotVotedCount(int count) => $"{count} 户未投票";

    public override string NotVotedIntro => "按楼栋和楼层列出尚未投票的业主，供上门走访使用。不显示任何人的投票内容。";

    public override string Print => "打印";

    public override string FloorLabel(int floor) => $"{floor} 层";

    public override string FloorUnknown => "其他";

    public override string NotDelivered => "尚无送达记录";

    public override string RemindedTimes(int count) => $"已提醒 {count} 次";

    public override string ObjectionsIntro => "初步结果公布后，业主可在询异期内提出询异；业委会答复后才能确认最终结果。询异和答复都写入日志并公开，不显示业主姓名。";

    public override string FileObjection => "提出询异";

    public override string AwaitingAnswer => "等待业委会答复";

    public override string ObjectionPublicNote => "询异内容将公开并写入日志（不显示您的姓名）。请不要填写身份证号、电话等个人信息。";

    public override string ObjectionLabel => "询异内容";

    public override string ObjectionSubmit => "提交询异";

    public override string FinalInLog(long treeSize) => $"确认最终结果的记录是公开日志前 {treeSize} 条中的最后一条；这 {treeSize} 条的日志树根哈希：";

    public override string CertificatePreliminary(string objectionEnds) => $"初步结果（询异期至 {objectionEnds}；最终结果以业委会确认为准）";

    public override string CertificateFinal => "最终结果";


    public override string CertificateQuestions => "各表决问题";

    public override string QuestionOutcome(string question, string rule, string participating, string yes, string result) => $"{question}\n  规则：{rule}\n  参与表决：{participating}；同意：{yes}\n  结果：{result}";

    public override string RuleArticle(string threshold) => threshold == "Major" ? "重大事项，参与表决面积和人数四分之三以上同意（《民法典》第二百七十八条第二款）" : "一般事项，参与表决面积和人数过半数同意（《民法典》第二百七十八条第二款）";

    public override string AreaAndHeads(string area, long heads) => $"{area} 平方米，{heads} 户";

    public override string NoQuorum => "未达到参与表决的法定人数，未作出决定";

    public override string CertificateFinalLog(long treeSize, string root) => $"最终结果确认于日志前 {treeSize} 条，树根哈希：{root}";

    public override string CertificatePreliminaryShort => "初步结果";

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

    public override string LinesOfKind(int count) => $"共 {count} 笔，合计";

    public override string AllStatementLines(int count) => $"查看全部 {count} 笔明细";

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
            OwnersVote.Web.Features.Money.ImportProblemCode.TooLarge => $"账目无法记入日志：即使每条日志记录只放一行明细（共 {v} 行）也超过上限。请缩短过长的明细说明，或减少附件，然后再上传",
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

    public override string MyDataOwnerCode => "名册中的业主编号";

    public override string MyDataName => "姓名";

    public override string NoticesTitle => "通知公告";

    public override string NoNotices => "暂无通知。";

    public override string NoticeRead => "已读";

    public override string NoticeUnread => "未读";

    public override string PublishNoticeTitle => "发布通知公告";

    public override string NoticePublishedText(long logIndex) => $"已发布，日志第 {logIndex} 条。";

    public override string NoticeTitleLabel => "标题";

    public override string NoticeBodyLabel => "正文";

    public override string NoticeTooLarge => "未发布：通知太长，超过一条日志记录的上限。请缩短正文，或把全文作为附件上传。";

    public override string NoticeScopeLabel => "发给哪些楼的业主（都不选即全体业主）";

    public override string PublishNotice => "发布";

    public override string ReadReceipts => "阅读情况（每栋楼已读业主数 / 业主数）";

    public override string ReadCount => "已读 / 业主";

    public override string QuestionHeading(string id, string text) => $"问题 {id}：{text}";

    public override string SilentMajorityTitle => "本次表决适用“未投票视为同意”";

    public override string SilentMajorityCounted(long heads, string squareMetres) => $"已送达但未投票、按“未投票视为同意”计为同意：{heads} 户、{squareMetres} 平方米。";

    public override string SilentMajorityUndelivered(long heads, string squareMetres) => $"未投票且没有送达证明、不计为同意：{heads} 户、{squareMetres} 平方米。补齐送达证明之前不能公布结果。";

    public override string AnswerOn(string question, string choice) => $"{question}：{choice}";

    public override string SectionsNavigation => "栏目";

    public override string HomeLink => "首页";

    public override string CompoundInformation => "小区公开信息";

    public override string UpholdObjection => "询异成立，结果须更正后重新公示";

    public override string Upheld => "询异成立";

    public override string CorrectionDue(string objection) => $"询异 {objection} 已被认定成立：须公布更正后的初步结果，询异期重新计算；在此之前不能确认最终结果。";

    public override string SetAsideLabel => "不予计入的表决票（房号，可不填）";

    public override string SetAsideHint => "填写经核实不应计入的表决票所属房号，用逗号分隔，例如 57-201。更正和重新计票都会写入日志。";

    public override string PublishCorrection => "公布更正后的初步结果";
}
