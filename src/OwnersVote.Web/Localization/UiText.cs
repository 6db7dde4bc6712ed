using System.Globalization;

namespace OwnersVote.Web.Localization;

/// <summary>
/// Every word the pages show, as a typed table: Chinese (zh-CN) first, English second. A missing
/// translation is a compile error, not a blank on a page.
/// </summary>
public abstract class UiText
{
    /// <summary>The default culture: Chinese first.</summary>
    public const string DefaultCulture = "zh-CN";

    /// <summary>The offered cultures, default first.</summary>
    public static IReadOnlyList<string> Cultures { get; } = [DefaultCulture, "en"];

    /// <summary>The table for a culture (English for any English culture, Chinese otherwise).</summary>
    public static UiText For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" ? EnglishText.Instance : ChineseText.Instance;
    }

    /// <summary>The BCP 47 tag for <c>lang</c> attributes.</summary>
    public abstract string Lang { get; }

    /// <summary>The other language's culture and its name in that language, for the switch.</summary>
    public abstract (string Culture, string Name) OtherLanguage { get; }

    public abstract string SiteName { get; }

    public abstract string SkipToContent { get; }

    public abstract string LanguageSwitchLabel { get; }

    public abstract string MainNavigation { get; }

    public abstract string Home { get; }

    public abstract string FooterLog { get; }

    // Log and witnesses (/transparency)
    public abstract string TransparencyTitle { get; }

    public abstract string TransparencyIntro { get; }

    public abstract string LogKeyHeading { get; }

    public abstract string LatestCheckpointHeading { get; }

    public abstract string CheckpointSummary(long treeSize);

    public abstract string WitnessesHeading { get; }

    public abstract string WitnessQuorum(int quorum, int witnesses);

    public abstract string NoWitnesses { get; }

    /// <summary>The heading over a compound's own witnesses on the transparency page.</summary>
    public abstract string CompoundWitnessesHeading { get; }

    /// <summary>How many of the compound's own witnesses must cosign before its receipts are given.</summary>
    public abstract string CompoundWitnessQuorum(int quorum, int witnesses);

    /// <summary>The name of one of the demo's own witnesses by its slug (<c>committee</c>, <c>neighbourhood</c>).</summary>
    public abstract string DemoWitnessName(string slug);

    public abstract string DemoWitnessesNote { get; }

    public abstract string WitnessKey { get; }

    public abstract string WitnessAddress { get; }

    public abstract string WitnessCosigned { get; }

    public abstract string WitnessNotCosigned { get; }

    public abstract string VerifyYourself { get; }

    // Home
    public abstract string OpenVotes { get; }

    public abstract string ClosedVotes { get; }

    public abstract string NoOpenVotes { get; }

    public abstract string NoClosedVotes { get; }

    public abstract string NoCompound { get; }

    public abstract string ReadMatter { get; }

    public abstract string SeeResult { get; }

    public abstract string CompoundSize(int buildings, int units);

    // Votes
    public abstract string Scope { get; }

    public abstract string WholeCompound { get; }

    public abstract string BuildingOwners(string buildingId);

    public abstract string Building(string buildingId);

    public abstract string Rule { get; }

    public abstract string RuleInPlainWords(string threshold);

    public abstract string Opens { get; }

    public abstract string Closes { get; }

    public abstract string Status { get; }

    public abstract string StatusOpen { get; }

    public abstract string StatusClosed { get; }

    public abstract string StatusNotYetOpen { get; }

    public abstract string MatterText { get; }

    public abstract string Passed { get; }

    public abstract string NotPassed { get; }

    public abstract string ResultPending { get; }

    // Results
    public abstract string ResultTitle(string matterTitle);

    public abstract string LiveCountNote { get; }

    public abstract string CountedAt(string when);

    public abstract string Refresh { get; }

    public abstract string PublishedAt(string when);

    /// <summary>Where in the log the tally was published: the tree size; the root hash follows.</summary>
    public abstract string PublishedInLog(long treeSize);

    public abstract string Quorum { get; }

    public abstract string QuorumRule { get; }

    public abstract string YesVotes { get; }

    public abstract string YesRule(string threshold);

    public abstract string AreaLabel { get; }

    public abstract string HeadsLabel { get; }

    public abstract string Counted(string have, string required);

    public abstract string Met { get; }

    public abstract string StillNeeds(long heads, string squareMetres);

    public abstract string StillNeedsHeads(long heads);

    public abstract string StillNeedsArea(string squareMetres);

    public abstract string HowFarSummary { get; }

    public abstract string HowFarAssumption { get; }

    public abstract string CannotBeReached { get; }

    public abstract string Eligible(long heads, string squareMetres);

    public abstract string NotYetVoted(long heads, string squareMetres);

    public abstract string Ballots { get; }

    public abstract string UnitColumn { get; }

    public abstract string AreaColumn { get; }

    public abstract string ChoiceColumn { get; }

    public abstract string ChannelColumn { get; }

    public abstract string Choice(string wire);

    public abstract string Channel(string wire);

    public abstract string NoBallots { get; }

    /// <summary>The published result differs from the recount of the ballots: a failed audit (DESIGN.md §2).</summary>
    public abstract string RecountDiffers { get; }

    public abstract string BackToMatter { get; }

    public abstract string SquareMetres(string amount);

    public abstract string Heads(long heads);

    // Errors
    public abstract string NotFoundTitle { get; }

    public abstract string NotFoundText { get; }

    public abstract string ErrorTitle { get; }

    public abstract string ErrorText { get; }

    public abstract string ErrorReference(string traceId);

    /// <summary>A date and time in China Standard Time, written the way this language writes it.</summary>
    public abstract string When(DateTimeOffset instant);

    /// <summary>China Standard Time (UTC+8, no daylight saving): the time every compound lives in.</summary>
    protected static DateTimeOffset InChina(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8));

    // Sign-in
    public abstract string SignInTitle { get; }

    public abstract string SignInIntro { get; }

    public abstract string InvitationCodeLabel { get; }

    public abstract string InvitationCodeHint { get; }

    public abstract string SignInWithCode { get; }

    public abstract string HavePasskey { get; }

    public abstract string SignInWithPasskey { get; }

    public abstract string CodeRequired { get; }

    public abstract string CodeUnknown { get; }

    public abstract string CodeExpired { get; }

    public abstract string CodeUsed { get; }

    public abstract string TooManyAttempts { get; }

    public abstract string PasskeyFailed { get; }

    public abstract string PasskeyTitle { get; }

    public abstract string PasskeyIntro { get; }

    public abstract string SetUpPasskey { get; }

    public abstract string PasskeySetUp { get; }

    public abstract string SignedIn { get; }

    public abstract string SignOut { get; }

    // Ballot steps (issue 4 ②–⑤)
    public abstract string StepsLabel { get; }

    public abstract string StepOf(int step);

    public abstract string StepName(int step);

    public abstract string GoVote { get; }

    public abstract string VotesForYou { get; }

    public abstract string NoVotesForYou { get; }

    public abstract string NotYourVote { get; }

    public abstract string BallotStepTitle { get; }

    public abstract string BallotTitle(string matterTitle);

    public abstract string BallotCovers { get; }

    public abstract string UnitLine(string unit, string building, string squareMetres);

    public abstract string OneBallotRule { get; }

    public abstract string AlreadyVoted(string choice, string when, bool canChange);

    public abstract string AnswerEveryQuestion { get; }

    public abstract string ChangeRule(bool allowChange);

    public abstract string NextConfirm { get; }

    public abstract string ConfirmTitle { get; }

    public abstract string YouChose(string choice);

    public abstract string ConfirmCovers(string units, string squareMetres);

    public abstract string SignExplain { get; }

    public abstract string NeedsJavaScript { get; }

    public abstract string SignAndVote { get; }

    public abstract string GoBackChange { get; }

    public abstract string SignFailed(string code);

    public abstract string BallotRefusedTitle(string code);

    public abstract string BallotRefusedText(string code);

    // Receipts and verification
    public abstract string ReceiptTitle { get; }

    public abstract string BallotRecorded { get; }

    public abstract string MatterLabel { get; }

    public abstract string SignedAt { get; }

    public abstract string CountsNow { get; }

    public abstract string CountsText(bool counts, string? rejection);

    public abstract string KeepReceipt { get; }

    /// <summary>The receipt page while its compound's witnesses have not cosigned: the entry at <paramref name="index"/> is in the log, its receipt follows.</summary>
    public abstract string ReceiptHeldText(long index);

    /// <summary>Before the list of witnesses (and why) a held receipt waits for.</summary>
    public abstract string ReceiptHeldMissing { get; }

    /// <summary>The link that asks again for a held receipt (by hand, without JavaScript).</summary>
    public abstract string ReceiptHeldCheckAgain { get; }

    public abstract string DownloadReceipt { get; }

    public abstract string VerifyReceiptLink { get; }

    public abstract string ReceiptText { get; }

    public abstract string ReceiptValid { get; }

    public abstract string ReceiptInvalid { get; }

    public abstract string LogEntry { get; }

    public abstract string LogTree { get; }

    public abstract string LogTreeSize(long size);

    public abstract string Witnesses { get; }

    public abstract string NoCosignatures { get; }

    public abstract string StillInLog(bool stillInLog, long index);

    public abstract string VerifyTitle { get; }

    public abstract string VerifyIntro { get; }

    public abstract string VerifiedBallot(string units, string choices);

    public abstract string ReceiptRequired { get; }

    public abstract string ReceiptLabel { get; }

    public abstract string ReceiptFileLabel { get; }

    public abstract string VerifyButton { get; }

    public abstract string VerifyOffline { get; }

    public abstract string Documents { get; }

    /// <summary>The ballot page's note while a new passkey is in its cooling-off period.</summary>
    public abstract string CoolingOffUntil(string when);

    public abstract string DeskEnrolTitle { get; }

    public abstract string DeskEnrolIntro { get; }

    public abstract string DeskUnitLabel { get; }

    public abstract string DeskIdentityChecked { get; }

    public abstract string DeskRequest { get; }

    public abstract string DeskApproveTitle { get; }

    public abstract string DeskApproveIntro { get; }

    public abstract string DeskNothingPending { get; }

    public abstract string DeskApprove { get; }

    public abstract string LetterPrint { get; }

    public abstract string DeskRequested(string unit);

    public abstract string DeskRefused(string reason);

    public abstract string DeskPendingItem(string unit, string officer, string when);

    public abstract string LetterTitle(string compound);

    public abstract string LetterUnit(string unit);

    public abstract string LetterHowTo(string url);

    public abstract string LetterExpires(string when);

    public abstract string LetterOfficers(string officers);

    public abstract string DeviceKeyIntro { get; }

    public abstract string SetUpDeviceKey { get; }

    public abstract string DeviceKeySetUp { get; }

    public abstract string HandwritingTitle { get; }

    public abstract string HandwritingHint { get; }

    public abstract string HandwritingUndo { get; }

    public abstract string HandwritingClear { get; }

    public abstract string HandwritingMissing { get; }

    public abstract string HandwritingShown { get; }

    public abstract string OpenInBrowserTitle { get; }

    public abstract string OpenInBrowserIntro { get; }

    public abstract string OpenInBrowserIos { get; }

    public abstract string OpenInBrowserAndroid { get; }

    public abstract string OpenInBrowserCopy { get; }

    public abstract string OpenInBrowserDesk { get; }

    public abstract string Certificate { get; }

    public abstract string CertificateHeading { get; }

    public abstract string CertificateCompound { get; }

    public abstract string CertificateCounts { get; }

    public abstract string CertificateOutcome { get; }

    public abstract string CertificateLog { get; }

    public abstract string CertificateScanToVerify { get; }

    public abstract string CertificateWitnessed(long treeSize, IReadOnlyList<string> cosigners, int quorum);

    public abstract string CertificateCheckpointMatches(long treeSize);

    public abstract string CertificateCheckpointDiffers(long given, long? published);

    public abstract string LargeType { get; }

    public abstract string CertificateNotMet { get; }

    public abstract string NormalType { get; }
    /// <summary>How many counted ballots came online and how many on paper (DESIGN.md: merged count).</summary>
    public abstract string BallotsByChannel(int online, int paper);

    // Paper ballots: print, scan upload, review queue (issue 5; DESIGN.md §2 "Paper ballots").
    public abstract string PaperTitle { get; }

    public abstract string PaperSummary(int principals, int votedOnline, int issued, int recorded);

    public abstract string PaperPrintRefused(Features.Paper.PrintRefusal refusal, string? detail);

    /// <summary>The principals (by first unit) for whom no sheet is printed: more units than one ballot names.</summary>
    public abstract string PaperTooManyUnits(IReadOnlyList<string> firstUnits);

    public abstract string PaperPrintAllTitle { get; }

    public abstract string PaperPrintAllHint { get; }

    public abstract string PaperPrintAll { get; }

    public abstract string PaperReissueTitle { get; }

    public abstract string PaperReissueHint { get; }

    public abstract string PaperUnitLabel { get; }

    public abstract string PaperReissue { get; }

    public abstract string PaperUploadTitle { get; }

    public abstract string PaperReviewTitle { get; }

    public abstract string PaperResultLink { get; }

    public abstract string PaperUploadIntro { get; }

    public abstract string PaperUploadFiles { get; }

    public abstract string PaperUpload { get; }

    /// <summary>An upload failed on <paramref name="file"/> (null: no file given); nothing was stored.</summary>
    public abstract string PaperUploadFailed(string? file, string error);

    public abstract string PaperQueued(int pages);

    public abstract string PaperPageOf(string file, int page);

    /// <summary>Why a sheet can never be recorded: a ReviewCodes or VoteReplay serial code.</summary>
    public abstract string PaperScanRefusal(string code);

    /// <summary>A queue item's state (PaperScanStates).</summary>
    public abstract string PaperScanState(string state);

    public abstract string PaperReadClearly { get; }

    public abstract string PaperNeedsLook { get; }

    public abstract string PaperReviewIntro { get; }

    public abstract string PaperReviewEmpty { get; }

    public abstract string PaperReviewRefused(Features.Paper.ReviewRefusal refusal);

    /// <summary>A sheet recorded at log index <paramref name="index"/>; <paramref name="superseded"/> says why it does not count.</summary>
    public abstract string PaperReviewDone(long? index, string? superseded);

    public abstract string PaperSerial(string serial);

    /// <summary>A scanner review code (ReviewCodes) in words.</summary>
    public abstract string PaperReviewReason(string code);

    public abstract string PaperScanImage(string? unit);

    /// <summary>The signature box's reading; ink in tenths of a percent.</summary>
    public abstract string PaperSignatureRead(bool signed, int ink);

    public abstract string PaperUpsideDown { get; }

    public abstract string PaperQuestionColumn { get; }

    public abstract string PaperReadColumn { get; }

    public abstract string PaperConfirmColumn { get; }

    /// <summary>A read value: yes, no, abstain, none or multiple.</summary>
    public abstract string PaperReadValue(string value);

    /// <summary>The three boxes' ink, in tenths of a percent.</summary>
    public abstract string PaperInk(IReadOnlyList<int> ink);

    /// <summary>A confirmed answer: yes, no, abstain or invalid.</summary>
    public abstract string PaperChoice(string choice);

    public abstract string PaperSignedLabel { get; }

    public abstract string PaperConfirm { get; }

    public abstract string PaperConfirmedBy(string officer, bool signed);

    public abstract string PaperApprove { get; }

    public abstract string PaperReturn { get; }
    // Issue 6: proxies (Shanghai art. 18) and the proxy count on the result.
    public abstract string ProxyRegisterTitle { get; }

    public abstract string ProxyRegisterIntro { get; }

    public abstract string ProxyIdNumberLabel { get; }

    public abstract string ProxyVoteLabel { get; }

    public abstract string ProxyFromLabel { get; }

    public abstract string ProxyUntilLabel { get; }

    public abstract string ProxyScanLabel { get; }

    public abstract string ProxyRegister { get; }

    public abstract string ProxyRegistered(string unit, long index);

    public abstract string ProxyRefused(string reason);

    public abstract string ProxiesTitle { get; }

    public abstract string ProxiesIntro { get; }

    public abstract string ProxiesNone { get; }

    public abstract string ProxyItem(string? vote, string? from, string? until, string granted);

    public abstract string ProxyRevoke { get; }

    public abstract string ProxyRevokedAt(string when);

    public abstract string ProxyRevokedNote { get; }

    public abstract string ProxiesGrantLink { get; }

    public abstract string MandateTitle { get; }

    public abstract string MandateIntro { get; }

    public abstract string MandateWhoLegend { get; }

    public abstract string MandateProxyUnitLabel { get; }

    public abstract string MandateProxyIdLabel { get; }

    public abstract string MandateScopeLegend { get; }

    public abstract string MandateVoteLabel { get; }

    public abstract string MandatePeriodOption { get; }

    public abstract string MandatePrepare { get; }

    /// <summary>The mandate in plain words, one paragraph per line (Shanghai art. 18, Civil Code art. 173).</summary>
    public abstract IReadOnlyList<string> MandateText(IReadOnlyList<string> ownerUnits, string? proxyUnit, string? proxyIdTail, string? vote, string? from, string? until);

    public abstract string MandateExact { get; }

    public abstract string MandateSignExplain { get; }

    public abstract string MandateSign { get; }

    public abstract string MandateSignFailed { get; }

    public abstract string MandateStartAgain { get; }

    public abstract string MandateGranted(long index);

    public abstract string MandateInvite { get; }

    public abstract string ProxyInviteTitle { get; }

    public abstract string ProxyInviteIntro { get; }

    public abstract string ProxyInvite { get; }

    public abstract string ProxyInviteRequested(string unit);

    public abstract string RevokeTitle { get; }

    public abstract string RevokeIntro { get; }

    public abstract string RevokeReasonLabel { get; }

    /// <summary>A revocation reason code (CredentialRevocations.Reasons) in words.</summary>
    public abstract string RevokeReason(string code);

    public abstract string RevokeIdentityChecked { get; }

    public abstract string RevokeRequest { get; }

    public abstract string RevokeRequested(string unit);

    public abstract string RevokePendingTitle { get; }

    public abstract string RevokePendingItem(string unit, string reason, string officer, string when);

    public abstract string RevokeApprove { get; }

    public abstract string RevokeDone(string unit, int credentials, string officers, bool notified);

    public abstract string RevokeRefused(string reason);

    public abstract string VotingAsProxy { get; }

    /// <summary>How many counted ballots a proxy cast for the owner (Shanghai art. 18).</summary>
    public abstract string BallotsByProxy(int proxy);

    // Issue 6: custodial (assisted) ballots at the desk.
    public abstract string CustodialTitle { get; }

    public abstract string CustodialIntro { get; }

    public abstract string CustodialOwnerPresent { get; }

    public abstract string CustodialEnter { get; }

    public abstract string CustodialEntered(string unit);

    public abstract string CustodialRefused(string reason);

    public abstract string CustodialConfirmTitle { get; }

    public abstract string CustodialConfirmIntro { get; }

    public abstract string CustodialPendingItem(string unit, string answers, string enteredBy);

    public abstract string CustodialConfirm { get; }

    public abstract string CustodialConfirmed(long index, string leafHash, bool counts);

    public abstract string CustodialNotNotified { get; }

    public abstract string CustodialPrintReceipt { get; }

    /// <summary>At the desk: the custodial ballot at <paramref name="index"/> is in the log, its receipt prints once the witnesses confirm.</summary>
    public abstract string CustodialReceiptHeld(long index);

    public abstract string CustodialReceiptHeading { get; }

    public abstract string CustodialReceiptMatter { get; }

    public abstract string CustodialReceiptUnits { get; }

    public abstract string CustodialReceiptAnswers { get; }

    public abstract string CustodialReceiptOfficers { get; }

    public abstract string CustodialReceiptOfficerNames(string enteredBy, string confirmedBy);

    public abstract string CustodialReceiptEntry { get; }

    public abstract string CustodialReceiptEntryText(long index, string leafHash, string when);

    // Issue 6: the editable roll, invitation letters (helper "roll").
    public abstract string RollTitle { get; }
    public abstract string RollIntro { get; }
    public abstract string RollImportHeading { get; }
    public abstract string RollImportHint { get; }
    public abstract string RollImportFile { get; }
    public abstract string RollImportButton { get; }
    public abstract string RollImported(int units, int owners);

    public abstract string RollImportFailed(int problems);
    public abstract string RollFreezeHeading { get; }
    public abstract string RollFreezeHint { get; }
    public abstract string RollVoteIdLabel { get; }
    public abstract string RollOpensLabel { get; }
    public abstract string RollFreezeButton { get; }
    public abstract string RollFrozenDone(string vote, int units, int heads, string area, long logIndex, int entries);

    public abstract string RollFreezeRefused(string refusal);
    public abstract string RollUnitsHeading { get; }
    public abstract string RollAllBuildings { get; }
    public abstract string RollFilter { get; }
    public abstract string RollColumnUnit { get; }
    public abstract string RollColumnBuilding { get; }
    public abstract string RollColumnArea { get; }
    public abstract string RollColumnSource { get; }
    public abstract string RollColumnOwner { get; }
    public abstract string RollColumnCoOwners { get; }
    public abstract string RollColumnWhen { get; }
    public abstract string RollColumnOfficer { get; }
    public abstract string RollColumnChange { get; }
    public abstract string RollHistoryHeading { get; }
    public abstract string RollAreaSource(OwnersVote.Voting.AreaSource source);

    public abstract string RollUnitTitle(string unit);
    public abstract string RollSaved { get; }
    public abstract string RollRefused(string refusal);

    public abstract string RollEditUnitHeading { get; }
    public abstract string RollAreaLabel { get; }
    public abstract string RollSave { get; }
    public abstract string RollOwnersHeading { get; }
    public abstract string RollOwnerCode { get; }
    public abstract string RollOwnerName { get; }
    public abstract string RollOwnerPhone { get; }
    public abstract string RollOwnerIdNumber { get; }
    public abstract string RollIdOnFile { get; }
    public abstract string RollCasts { get; }
    public abstract string RollChooseCaster { get; }
    public abstract string RollEditOwnerHeading { get; }
    public abstract string RollTransferHeading { get; }
    public abstract string RollTransferHint { get; }
    public abstract string RollNewOwner { get; }
    public abstract string RollEffective { get; }
    public abstract string RollTransferButton { get; }
    public abstract string RollCoOwnerHeading { get; }
    public abstract string RollAddCoOwner { get; }
    public abstract string RollTransfersHeading { get; }
    public abstract string RollTransferItem(string from, string to, string effective, string officer);

    public abstract string LettersTitle { get; }
    public abstract string LettersIntro { get; }
    public abstract string LettersRequest { get; }
    public abstract string LettersRequested(string building);

    public abstract string LettersRefused(string refusal);
    public abstract string LettersPendingHeading { get; }
    public abstract string LettersPendingItem(string building, string officer, string when);

    public abstract string LettersApprove { get; }
    public abstract string LettersPrintedHeading { get; }
    public abstract string LettersPrintedAt { get; }
    public abstract string LettersDelivery { get; }
    public abstract string LettersDeliver { get; }
    public abstract string LettersDelivered(string officer, string when, string method);

    public abstract string DeliveryMethod(string method);
    public abstract string LetterTo(string owner);

    public abstract string LetterScan { get; }
    public abstract string LetterFooter(string letterId);

    // Issue 6: privacy (my data, retention), sign-in through an identity provider, the phone check.
    public abstract string PhoneEndingLabel { get; }

    public abstract string PhoneEndingHint { get; }

    public abstract string PhoneEndingWrong { get; }

    public abstract string NoPhoneOnFile { get; }

    public abstract string ExternalSignInHeading { get; }

    public abstract string ExternalSignInIntro(string provider);

    public abstract string ExternalSignInButton(string provider);

    public abstract string ExternalUnknownOwner { get; }

    public abstract string ExternalAmbiguous { get; }

    public abstract string ExternalFailed { get; }

    public abstract string MyDataTitle { get; }

    public abstract string MyDataIntro { get; }

    public abstract string MyDataDownload { get; }

    public abstract string MyDataWho { get; }

    public abstract string MyDataCompound { get; }

    public abstract string MyDataOwnerHash { get; }

    public abstract string MyDataIdNumber { get; }

    public abstract string MyDataIdNumberHashed { get; }

    public abstract string MyDataPhone { get; }

    public abstract string MyDataRecordedBy { get; }

    public abstract string MyDataNone { get; }

    public abstract string MyDataUnits { get; }

    public abstract string MyDataAreaSource { get; }

    /// <summary>registry, survey or contract (JI art. 8) in words.</summary>
    public abstract string MyDataSource(string source);

    public abstract string MyDataRollEntries { get; }

    public abstract string MyDataCredentials { get; }

    public abstract string MyDataCredential(string kind, DateTimeOffset? enrolledAt, DateTimeOffset activeFrom, DateTimeOffset? revokedAt);

    public abstract string MyDataInvitations { get; }

    public abstract string MyDataInvitation(bool external, string issuedBy, DateTimeOffset expiresAt, DateTimeOffset? usedAt);

    public abstract string MyDataDesk(string unit, string requestedBy, DateTimeOffset requestedAt, string? approvedBy, DateTimeOffset? approvedAt);

    public abstract string MyDataBallots { get; }

    public abstract string MyDataReceipt(long entry);

    public abstract string MyDataNotices { get; }

    /// <summary>A notice's template in words.</summary>
    public abstract string MyDataNotice(string template);

    public abstract string MyDataNotHeld { get; }

    public abstract string MyDataNothing { get; }
    // Issue 7: the vote lifecycle (drafts, deliveries, reminders, objections, final result)
    public abstract string ManageVotesTitle { get; }

    public abstract string ManageVotesIntro { get; }

    public abstract string NewDraft { get; }

    public abstract string NoVotesYet { get; }

    public abstract string Stage(string stage);

    public abstract string DraftTitle { get; }

    public abstract string DraftIntro { get; }

    public abstract string LifecycleRefused(string code);

    public abstract string DraftSaved { get; }

    public abstract string MajorMatterWarning(string terms);

    public abstract string DraftVoteId { get; }

    public abstract string DraftMatterTitle { get; }

    public abstract string DraftScope { get; }

    public abstract string DraftQuestion(int number);

    public abstract string DraftQuestionText { get; }

    public abstract string DraftThreshold { get; }

    public abstract string ThresholdOrdinary { get; }

    public abstract string ThresholdMajor { get; }

    public abstract string DraftOpens { get; }

    public abstract string DraftVotingDays { get; }

    public abstract string DraftObjectionHours { get; }

    public abstract string DraftReminders { get; }

    public abstract string DraftAllowChange { get; }

    public abstract string DraftSilentMajority { get; }

    public abstract string SilentMajorityWarning { get; }

    public abstract string DraftSave { get; }

    public abstract string DraftAnnounce { get; }

    public abstract string LifecycleDone { get; }

    public abstract string ObjectionPeriodEnds { get; }

    public abstract string Turnout { get; }

    public abstract string TurnoutText(int voted, int principals, int delivered, int reminders);

    public abstract string Timeline { get; }

    public abstract string PreliminaryResult { get; }

    public abstract string LifecycleActions { get; }

    public abstract string DeliveryTitle { get; }

    public abstract string NotVotedTitle { get; }

    public abstract string CloseVote { get; }

    public abstract string PublishResult { get; }

    public abstract string FinaliseResult { get; }

    public abstract string ObjectionsTitle { get; }

    public abstract string NoObjections { get; }

    public abstract string CommitteeAnswer { get; }

    public abstract string AnswerLabel { get; }

    public abstract string AnswerSubmit { get; }

    public abstract string DeliveryIntro { get; }

    public abstract string UnitsLabel { get; }

    public abstract string VotedLabel { get; }

    public abstract string DeliveredLabel { get; }

    public abstract string RecordDelivery { get; }

    public abstract string VotedYes { get; }

    public abstract string VotedNotYet { get; }

    public abstract string DeliveryChannelName(string wire);

    public abstract string NotVotedCount(int count);

    public abstract string NotVotedIntro { get; }

    public abstract string Print { get; }

    public abstract string FloorLabel(int floor);

    public abstract string FloorUnknown { get; }

    public abstract string NotDelivered { get; }

    public abstract string RemindedTimes(int count);

    public abstract string ObjectionsIntro { get; }

    public abstract string FileObjection { get; }

    public abstract string AwaitingAnswer { get; }

    public abstract string ObjectionPublicNote { get; }

    public abstract string ObjectionLabel { get; }

    public abstract string ObjectionSubmit { get; }

    public abstract string FinalInLog(long treeSize);

    public abstract string CertificatePreliminary(string objectionEnds);

    public abstract string CertificateFinal { get; }


    public abstract string CertificateQuestions { get; }

    public abstract string QuestionOutcome(string question, string rule, string participating, string yes, string result);

    public abstract string RuleArticle(string threshold);

    public abstract string AreaAndHeads(string area, long heads);

    public abstract string NoQuorum { get; }

    public abstract string CertificateFinalLog(long treeSize, string root);

    public abstract string CertificatePreliminaryShort { get; }
    // Issue 7 parts 6–8: money, notices, exports.
    public abstract string FundTitle(string building);

    public abstract string FundIntro { get; }

    public abstract string IncomeTitle { get; }

    public abstract string IncomeIntro { get; }

    public abstract string MaintenanceFunds { get; }

    public abstract string NoStatements { get; }

    public abstract string MoneyOverTime { get; }

    public abstract string FundChartDescription { get; }

    public abstract string IncomeChartDescription { get; }

    public abstract string ChartTableCaption { get; }

    public abstract string Statements { get; }

    public abstract string PeriodLabel { get; }

    public abstract string Period(DateOnly from, DateOnly to);

    public abstract string Opening { get; }

    public abstract string Closing { get; }

    public abstract string Inflow { get; }

    public abstract string Outflow { get; }

    public abstract string PlannedShort { get; }

    public abstract string PlannedNotInBalance { get; }

    /// <summary>An amount already formatted as yuan (<c>468,000.00</c>) with its unit.</summary>
    public abstract string Yuan(string amount);

    public abstract string VotesAndSpending { get; }

    public abstract string AuthorityLabel { get; }

    public abstract string AuthorityText(OwnersVote.Web.Features.Money.SpendingAuthority authority);

    public abstract string TimelineText(OwnersVote.Web.Features.Money.TimelineStepKind step, bool done);

    /// <summary>A day in China's time zone, without the time.</summary>
    public abstract string Day(DateTimeOffset instant);

    public abstract string StatementLogEntry(long index);

    public abstract string DateLabel { get; }

    public abstract string LineDescription { get; }

    public abstract string AmountYuan { get; }

    public abstract string LineKind(OwnersVote.Voting.Events.StatementLineKind kind);

    /// <summary>A folded statement's row for one kind of money in: how many lines it totals.</summary>
    public abstract string LinesOfKind(int count);

    /// <summary>The fold that opens a long statement's every line.</summary>
    public abstract string AllStatementLines(int count);

    public abstract string SupportingDocument { get; }

    public abstract string Attachments { get; }

    public abstract string PublishStatementTitle { get; }

    public abstract string PublishStatementIntro { get; }

    public abstract string StatementPublishedText(int lines, long logIndex);

    public abstract string SeePublished { get; }

    public abstract string ImportRefused(int problems);

    public abstract string ImportProblemText(OwnersVote.Web.Features.Money.ImportProblem problem);

    public abstract string StatementAccount { get; }

    public abstract string BuildingLabel { get; }

    public abstract string PeriodFrom { get; }

    public abstract string PeriodTo { get; }

    public abstract string OpeningYuan { get; }

    public abstract string LinesFile { get; }

    public abstract string LinesFileHelp { get; }

    public abstract string PublishStatement { get; }

    public abstract string MyDataOwnerCode { get; }

    public abstract string MyDataName { get; }
    public abstract string NoticesTitle { get; }

    public abstract string NoNotices { get; }

    public abstract string NoticeRead { get; }

    public abstract string NoticeUnread { get; }

    public abstract string PublishNoticeTitle { get; }

    public abstract string NoticePublishedText(long logIndex);

    public abstract string NoticeTitleLabel { get; }

    public abstract string NoticeBodyLabel { get; }

    public abstract string NoticeTooLarge { get; }

    public abstract string NoticeScopeLabel { get; }

    public abstract string PublishNotice { get; }

    public abstract string ReadReceipts { get; }

    public abstract string ReadCount { get; }

    // Issue 7: every question of a vote on the live result page, and the silent-majority clause.

    /// <summary>A question's heading on the result page.</summary>
    public abstract string QuestionHeading(string id, string text);

    /// <summary>The silent-majority box's heading.</summary>
    public abstract string SilentMajorityTitle { get; }

    /// <summary>Non-voters with proof of delivery, counted as yes.</summary>
    public abstract string SilentMajorityCounted(long heads, string squareMetres);

    /// <summary>Non-voters without proof of delivery, not counted.</summary>
    public abstract string SilentMajorityUndelivered(long heads, string squareMetres);

    /// <summary>The answers of a multi-question ballot in one cell.</summary>
    public abstract string AnswerOn(string question, string choice);

    // Issue 7: the site's sections in the header and the compound's public information on the home page.

    /// <summary>The label of the sections navigation (a second landmark beside the main one).</summary>
    public abstract string SectionsNavigation { get; }

    /// <summary>The link to the home page.</summary>
    public abstract string HomeLink { get; }

    /// <summary>The home page's heading over notices, fund and public income.</summary>
    public abstract string CompoundInformation { get; }

    // Issue 7 part 4: an upheld objection and the corrected preliminary result.

    /// <summary>The checkbox that upholds an objection.</summary>
    public abstract string UpholdObjection { get; }

    /// <summary>The mark of an upheld objection's answer.</summary>
    public abstract string Upheld { get; }

    /// <summary>The notice that an upheld objection awaits its correction.</summary>
    public abstract string CorrectionDue(string objection);

    /// <summary>The label of the units whose ballots the correction sets aside.</summary>
    public abstract string SetAsideLabel { get; }

    /// <summary>The hint under it.</summary>
    public abstract string SetAsideHint { get; }

    /// <summary>The button that publishes the corrected preliminary result.</summary>
    public abstract string PublishCorrection { get; }
}
