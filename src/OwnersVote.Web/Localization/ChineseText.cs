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
    public override string RollFrozenDone(string vote, int units, int heads, string area, long logIndex) =>
        $"表决 {vote} 的名册已冻结：{units} 个专有部分，{heads} 人，{area} 平方米（日志第 {logIndex} 条）。";
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

    public override string MyDataOwnerCode => "名册中的业主编号";

    public override string MyDataName => "姓名";
}
