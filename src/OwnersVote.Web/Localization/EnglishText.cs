using System.Globalization;

namespace OwnersVote.Web.Localization;

/// <summary>English.</summary>
public sealed class EnglishText : UiText
{
    /// <summary>The one instance.</summary>
    public static EnglishText Instance { get; } = new();

    private EnglishText()
    {
    }

    public override string Lang => "en";

    public override (string Culture, string Name) OtherLanguage => ("zh-CN", "中文");

    public override string SiteName => "OwnersVote";

    public override string SkipToContent => "Skip to content";

    public override string LanguageSwitchLabel => "Language";

    public override string MainNavigation => "Main navigation";

    public override string Home => "Home";

    public override string FooterLog => "Every vote is recorded in an append-only signed log that anyone can download, verify and recount.";

    public override string TransparencyTitle => "Public log and witnesses";

    public override string TransparencyIntro => "Registrations, ballots, results: every event is an entry of this append-only signed log. Witnesses cosign each new checkpoint only after checking that it extends the last one they saw; anyone can check with the keys below, so a rewritten log, or one shown differently to different people, is detected.";

    public override string LogKeyHeading => "Log key";

    public override string LatestCheckpointHeading => "Latest checkpoint";

    public override string CheckpointSummary(long treeSize) => $"{treeSize} entries; root hash:";

    public override string WitnessesHeading => "Witnesses";

    public override string WitnessQuorum(int quorum, int witnesses) => $"Each checkpoint needs cosignatures from at least {quorum} of the {witnesses} witnesses.";

    public override string NoWitnesses => "This log has no witnesses configured.";

    public override string DemoWitnessName(string slug) => slug switch
    {
        "committee" => "Owners' committee (业委会)",
        "neighbourhood" => "Residents' committee (居委会)",
        _ => slug,
    };

    public override string DemoWitnessesNote => "Demo: these two witnesses run inside this server, for show only. A real compound's witnesses are run by the owners' committee, the residents' committee, a notary or any owner on their own computer (ov witness).";

    public override string WitnessKey => "Key";

    public override string WitnessAddress => "Address";

    public override string WitnessCosigned => "Cosigned the latest checkpoint";

    public override string WitnessNotCosigned => "Has not cosigned the latest checkpoint";

    public override string VerifyYourself => "Check it yourself (download the whole log, check signatures and cosignatures, recount):";

    public override string OpenVotes => "Open votes";

    public override string ClosedVotes => "Closed votes";

    public override string NoOpenVotes => "No vote is open at the moment.";

    public override string NoClosedVotes => "No vote has closed yet.";

    public override string NoCompound => "No compound is registered yet.";

    public override string ReadMatter => "Read the matter";

    public override string SeeResult => "See the count";

    public override string CompoundSize(int buildings, int units) =>
        string.Create(CultureInfo.InvariantCulture, $"{buildings} buildings, {units} units");

    public override string Scope => "Who decides";

    public override string WholeCompound => "All owners of the compound";

    public override string BuildingOwners(string buildingId) => $"The owners of building {buildingId}";

    public override string Building(string buildingId) => $"Building {buildingId}";

    public override string Rule => "How it passes";

    public override string RuleInPlainWords(string threshold) =>
        "Owners holding at least two thirds of the area and at least two thirds of the owners in scope must take part; "
        + (threshold == "Major"
            ? "and at least three quarters of the participating area and of the participating owners must vote yes."
            : "and more than half of the participating area and of the participating owners must vote yes.")
        + " (Civil Code art. 278)";

    public override string Opens => "Opens";

    public override string Closes => "Closes";

    public override string Status => "Status";

    public override string StatusOpen => "Open";

    public override string StatusClosed => "Closed";

    public override string StatusNotYetOpen => "Not open yet";

    public override string MatterText => "Full text";

    public override string Passed => "Passed";

    public override string NotPassed => "Not passed";

    public override string ResultPending => "Result not published yet";

    public override string ResultTitle(string matterTitle) => $"Count: {matterTitle}";

    public override string LiveCountNote => "The vote is open: this is the live count and changes as ballots arrive.";

    public override string CountedAt(string when) => $"Counted {when}.";

    public override string Refresh => "Count again";

    public override string PublishedAt(string when) => $"Result published {when}";
    public override string PublishedInLog(long treeSize) => $"The tally is the last of the public log's first {treeSize} entries; their tree's root hash:";

    public override string Quorum => "Participation";

    public override string QuorumRule => "needs at least two thirds of the area and of the owners";

    public override string YesVotes => "Yes";

    public override string YesRule(string threshold) =>
        threshold == "Major"
            ? "needs at least three quarters of the participating area and owners"
            : "needs more than half of the participating area and owners";

    public override string AreaLabel => "Area";

    public override string HeadsLabel => "Owners";

    public override string Counted(string have, string required) => $"{have}; needs {required}";

    public override string Met => "Reached";

    public override string StillNeeds(long heads, string squareMetres) =>
        string.Create(CultureInfo.InvariantCulture, $"still needs {heads} {(heads == 1 ? "owner" : "owners")} and {squareMetres} m²");

    public override string StillNeedsHeads(long heads) =>
        string.Create(CultureInfo.InvariantCulture, $"still needs {heads} {(heads == 1 ? "owner" : "owners")}");

    public override string StillNeedsArea(string squareMetres) => $"still needs {squareMetres} m²";

    public override string HowFarSummary => "Distance to passing";

    public override string HowFarAssumption => "Counted as if owners who have not voted yet take part and vote yes.";

    public override string CannotBeReached => "Even if every remaining owner takes part, this cannot be reached.";

    public override string Eligible(long heads, string squareMetres) =>
        string.Create(CultureInfo.InvariantCulture, $"In scope: {heads} owners, {squareMetres} m²");

    public override string NotYetVoted(long heads, string squareMetres) =>
        string.Create(CultureInfo.InvariantCulture, $"Not voted yet: {heads} owners, {squareMetres} m²");

    public override string Ballots => "Ballots counted (unit numbers and areas only)";

    public override string UnitColumn => "Unit";

    public override string AreaColumn => "Area (m²)";

    public override string ChoiceColumn => "Vote";

    public override string ChannelColumn => "How";

    public override string Choice(string wire) => wire switch
    {
        "yes" => "Yes",
        "no" => "No",
        "abstain" => "Abstain",
        _ => "Invalid",
    };

    public override string Channel(string wire) => wire == "paper" ? "Paper" : "Online";

    public override string NoBallots => "No ballots yet.";

    public override string RecountDiffers => "Warning: recounting the ballots gives a different result from the one published. Please ask the owners' committee to check.";

    public override string BackToMatter => "Back to the matter";

    public override string SquareMetres(string amount) => $"{amount} m²";

    public override string Heads(long heads) =>
        string.Create(CultureInfo.InvariantCulture, $"{heads} {(heads == 1 ? "owner" : "owners")}");

    public override string NotFoundTitle => "Page not found";

    public override string NotFoundText => "There is no page at this address. Please go back to the home page.";

    public override string ErrorTitle => "Something went wrong";

    public override string ErrorText => "We could not complete this just now. Please try again later; if it keeps happening, tell the owners' committee or the property office.";

    public override string ErrorReference(string traceId) => $"Reference: {traceId}";

    public override string When(DateTimeOffset instant)
    {
        DateTimeOffset t = InChina(instant);
        return t.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)";
    }

    // Sign-in
    public override string SignInTitle => "Sign in";

    public override string SignInIntro => "First time: type the one-time invitation code from your printed letter. The compound's records hold no phone numbers, so the code alone is checked; each code works once and expires.";

    public override string InvitationCodeLabel => "Invitation code";

    public override string InvitationCodeHint => "The 8 letters and digits on your letter, e.g. K7QM-3XHP";

    public override string SignInWithCode => "Sign in with the code";

    public override string HavePasskey => "Already set up a passkey?";

    public override string SignInWithPasskey => "Sign in with a passkey";

    public override string CodeRequired => "Please type the invitation code.";

    public override string CodeUnknown => "That invitation code is not right; please check your letter and try again.";

    public override string CodeExpired => "That invitation code has expired; please ask the committee or the property office for a new one.";

    public override string CodeUsed => "That invitation code has already been used. If you set up a passkey, sign in with it.";

    public override string TooManyAttempts => "Too many attempts; please try again in 10 minutes.";

    public override string PasskeyFailed => "The passkey did not work; please try again.";

    public override string PasskeyTitle => "Set up a passkey";

    public override string PasskeyIntro => "A passkey stays on your own phone and is confirmed with your fingerprint, face or screen lock. From now on you sign in and sign ballots with it; the code is no longer needed.";

    public override string SetUpPasskey => "Set up a passkey";

    public override string PasskeySetUp => "Your passkey is set up. From now on, sign in with it.";

    public override string SignedIn => "Signed in";

    public override string SignOut => "Sign out";

    public override string StepsLabel => "Voting steps";

    public override string StepOf(int step) => $"Step {step} of 5";

    public override string StepName(int step) => step switch
    {
        1 => "Verify",
        2 => "Read",
        3 => "Choose",
        4 => "Sign",
        _ => "Receipt",
    };

    public override string GoVote => "Vote";

    public override string VotesForYou => "Votes for you";

    public override string NoVotesForYou => "There is nothing for you to vote on at the moment.";

    public override string NotYourVote => "This matter is not yours to vote on: only owners in the buildings concerned vote.";

    public override string BallotStepTitle => "Vote";

    public override string BallotTitle(string matterTitle) => $"Vote: {matterTitle}";

    public override string BallotCovers => "This ballot is for your units";

    public override string UnitLine(string unit, string building, string squareMetres) => $"{unit} (building {building}, {squareMetres} m²)";

    public override string OneBallotRule => "An owner's units share one ballot: one head, their areas added up.";

    public override string AlreadyVoted(string choice, string when, bool canChange) => canChange
        ? $"You voted: {choice} ({when}). You may change it until the vote closes; the last one counts."
        : $"You voted: {choice} ({when}). This vote cannot be changed.";

    public override string AnswerEveryQuestion => "Please choose one answer for each question.";

    public override string ChangeRule(bool allowChange) => allowChange
        ? "You may change your vote until the vote closes; the last one counts."
        : "This vote cannot be changed once signed: check before you sign.";

    public override string NextConfirm => "Next: confirm";

    public override string ConfirmTitle => "Please confirm your choice";

    public override string YouChose(string choice) => $"You chose: {choice}";

    public override string ConfirmCovers(string units, string squareMetres) => $"This ballot is for {units}, {squareMetres} m² in all.";

    public override string SignExplain => "After \"Sign and vote\", your phone asks for your fingerprint, face or screen lock. That is your own electronic signature: nobody can sign for you, and the signed ballot cannot be altered.";

    public override string NeedsJavaScript => "Signing needs JavaScript in the browser. You may also vote at the management office or on paper.";

    public override string SignAndVote => "Sign and vote";

    public override string GoBackChange => "Go back and change";

    public override string SignFailed(string code) => code switch
    {
        "not-signed" or "" => "The signature was not completed. Tap \"Sign and vote\" again and follow your phone.",
        "unknown-ballot" => "This ballot expired or was already sent. Tap \"Sign and vote\" again.",
        "passkey-not-enrolled" => "This passkey is not enrolled for you.",
        "closed" => "The vote has closed; the ballot was not sent.",
        "already-voted" => "You have voted already and this vote cannot be changed.",
        _ => $"The signature did not verify; the ballot was not sent ({code}). Please try again.",
    };

    public override string BallotRefusedTitle(string code) => code switch
    {
        "not-in-scope" => "This matter is not yours to vote on",
        "not-yet-open" => "Voting has not started",
        "closed" => "Voting has closed",
        "already-voted" => "You have voted",
        "no-passkey" => "Set up a passkey first",
        _ => "You cannot vote right now",
    };

    public override string BallotRefusedText(string code) => code switch
    {
        "not-in-scope" => "Only owners in the buildings concerned vote on this matter (Shanghai Residential Property Management Regulations, art. 69).",
        "not-yet-open" => "Please come back when voting opens.",
        "closed" => "Voting on this matter has ended; the result is published.",
        "already-voted" => "This vote cannot be changed once cast.",
        "no-passkey" => "Your ballot is signed with your passkey. Set one up on this phone (a new passkey may need to wait before it can vote).",
        _ => "Please try again later.",
    };

    public override string ReceiptTitle => "Ballot receipt";

    public override string BallotRecorded => "Your ballot is signed and in the public record.";

    public override string MatterLabel => "Matter";

    public override string SignedAt => "Recorded at";

    public override string CountsNow => "Count";

    public override string CountsText(bool counts, string? rejection) => counts
        ? "Counts in the result"
        : rejection is null ? "Does not count (replaced by your later ballot)" : $"Does not count ({rejection})";

    public override string KeepReceipt => "Keep this receipt. With it anyone can check that your ballot is in the public record, unaltered.";

    public override string DownloadReceipt => "Download receipt";

    public override string VerifyReceiptLink => "Verify a receipt";

    public override string ReceiptText => "Receipt text";

    public override string ReceiptValid => "The receipt is valid";

    public override string ReceiptInvalid => "The receipt is not valid";

    public override string LogEntry => "Public record entry";

    public override string LogTree => "Record state";

    public override string LogTreeSize(long size) => $"{size} entries, root hash";

    public override string Witnesses => "Witness cosignatures";

    public override string NoCosignatures => "none";

    public override string StillInLog(bool stillInLog, long index) => stillInLog
        ? $"Entry {index} of this site's public record is still this ballot, unaltered."
        : $"Warning: entry {index} of this site's public record differs from the receipt.";

    public override string VerifyTitle => "Verify a ballot receipt";

    public override string VerifyIntro => "Paste the whole receipt below, or choose the downloaded receipt file, then tap \"Verify\".";

    public override string VerifiedBallot(string units, string choices) => $"The receipt's ballot: {units}, {choices}.";

    public override string ReceiptRequired => "Please paste a receipt or choose a receipt file.";

    public override string ReceiptLabel => "Receipt text";

    public override string ReceiptFileLabel => "Or choose a receipt file";

    public override string VerifyButton => "Verify";

    public override string VerifyOffline => "You can also check it without this site: ov verify --receipt.";

    public override string Documents => "Attached documents";

    public override string CoolingOffUntil(string when) => $"Your new passkey can vote from {when} (a new passkey waits a cooling-off period, in case someone set it up behind your back).";

    public override string DeskEnrolTitle => "Desk enrolment (staff)";

    public override string DeskEnrolIntro => "With the owner present, check their ID and proof of ownership, then ask for their invitation. A second officer must approve before the letter is issued.";

    public override string DeskUnitLabel => "Unit (e.g. 57-101)";

    public override string DeskIdentityChecked => "I checked the owner's ID and proof of ownership in person";

    public override string DeskRequest => "Ask for the invitation";

    public override string DeskApproveTitle => "Approve enrolments (second officer)";

    public override string DeskApproveIntro => "Every enrolment needs two different officers: the one who asked cannot approve.";

    public override string DeskNothingPending => "No enrolment is waiting for approval.";

    public override string DeskApprove => "Approve and print the letter";

    public override string LetterPrint => "Print this letter for the owner now; the code is shown only this once.";

    public override string DeskRequested(string unit) => $"Asked for {unit}; a second officer must now approve.";

    public override string DeskRefused(string reason) => reason switch { "SameOfficer" => "The officer who asked cannot also approve (two-person rule).", "NotOnRoll" => "This unit is not on the roll.", "IdentityNotChecked" => "Check the owner's identity first and tick the box.", _ => "No such enrolment is waiting." };

    public override string DeskPendingItem(string unit, string officer, string when) => $"{unit}: asked by {officer} at {when}";

    public override string LetterTitle(string compound) => $"{compound}: your invitation to vote online";

    public override string LetterUnit(string unit) => $"Unit: {unit}";

    public override string LetterHowTo(string url) => $"Open {url} on your phone, type the one-time code below, then set up a passkey.";

    public override string LetterExpires(string when) => $"The code works once, until {when}.";

    public override string LetterOfficers(string officers) => $"Officers: {officers}";

    public override string DeviceKeyIntro => "This browser cannot use passkeys. You can use a device key instead: a signing key kept only in this browser that cannot be copied out, used to sign your ballots. If you clear the browser's data, set it up again; the old key is then revoked in the public log.";

    public override string SetUpDeviceKey => "Set up a device key";

    public override string DeviceKeySetUp => "Your device key is set up. Vote in this browser.";

    public override string HandwritingTitle => "Handwritten signature";

    public override string HandwritingHint => "Write your name in the box with a finger or stylus.";

    public override string HandwritingUndo => "Undo a stroke";

    public override string HandwritingClear => "Clear";

    public override string HandwritingMissing => "This vote needs a handwritten signature; please sign in the box first.";

    public override string HandwritingShown => "Your handwritten signature (its hash is inside the signed ballot)";

    public override string OpenInBrowserTitle => "Please open this page in your phone's own browser";

    public override string OpenInBrowserIntro => "You are in WeChat's or another app's built-in browser, where a ballot cannot be signed safely. Open this page in the system browser (Safari, Chrome or the phone's own browser), or vote at the desk in the management office, or ask for a paper ballot.";

    public override string OpenInBrowserIos => "WeChat on iPhone (iOS): tap “···” at the top right, then “Open in Safari”.";

    public override string OpenInBrowserAndroid => "WeChat on Android: tap “···” at the top right, then “Open in Browser”.";

    public override string OpenInBrowserCopy => "Or copy this address into your browser's address bar:";

    public override string OpenInBrowserDesk => "No phone at hand? Vote at the desk in the management office with a staff member's help, or fill in a paper ballot.";

    public override string Certificate => "Download the result certificate (PDF, Chinese)";

    public override string CertificateHeading => "Certificate of the owners' vote result";

    public override string CertificateCompound => "Compound";

    public override string CertificateCounts => "Count";

    public override string CertificateOutcome => "Result";

    public override string CertificateLog => "Public log";

    public override string CertificateScanToVerify => "Scan to verify this result";

    public override string CertificateWitnessed(long treeSize, IReadOnlyList<string> cosigners, int quorum) =>
        cosigners.Count == 0
            ? $"Witnesses: no witness has cosigned the checkpoint of the first {treeSize} entries yet ({quorum} required)"
            : $"Witnesses: {string.Join(", ", cosigners)} cosigned the checkpoint of the first {treeSize} entries ({quorum} required), which includes this tally";

    public override string CertificateCheckpointMatches(long treeSize) =>
        $"The certificate's checkpoint (the first {treeSize} log entries) matches the tally this site published.";

    public override string CertificateCheckpointDiffers(long given, long? published) =>
        published is { } p
            ? $"The certificate's checkpoint (the first {given} log entries) does not match the published tally (the first {p} entries)!"
            : $"The certificate's checkpoint (the first {given} log entries) cannot be checked: no tally is published yet.";

    public override string LargeType => "Large type";

    public override string CertificateNotMet => "not met";

    public override string NormalType => "Normal type";
    public override string BallotsByChannel(int online, int paper) => $"Of the ballots counted, {online} were cast online and {paper} on paper.";

    // Issue 7 parts 6–8: money, notices, exports.
    public override string FundTitle(string building) => $"Building {building} maintenance fund";

    public override string FundIntro => "The maintenance fund's accounts are published at least every six months (Shanghai Residential Property Management Regulations art. 66). Every use of the fund needs the owners' vote (Civil Code art. 278): each spending below links to the vote that approved it; while that vote has not passed, the spending is only planned and not in the balance.";

    public override string IncomeTitle => "Public income";

    public override string IncomeIntro => "Income from the common parts belongs to the owners (Civil Code art. 282) and is published every quarter (Shanghai regulations art. 66).";

    public override string MaintenanceFunds => "Maintenance funds by building";

    public override string NoStatements => "No accounts published yet.";

    public override string MoneyOverTime => "Money over time";

    public override string FundChartDescription => "Bar chart: each period's income, spending, planned spending and closing balance (yuan). The table below has the same figures.";

    public override string IncomeChartDescription => "Bar chart: each quarter's parking, advertising, venue rental and interest income and spending (yuan). The table below has the same figures.";

    public override string ChartTableCaption => "The chart's figures (yuan):";

    public override string Statements => "Statements";

    public override string PeriodLabel => "Period";

    public override string Period(DateOnly from, DateOnly to) =>
        from.ToString("d MMM yyyy", CultureInfo.InvariantCulture) + " – " + to.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public override string Opening => "Opening balance";

    public override string Closing => "Closing balance";

    public override string Inflow => "In";

    public override string Outflow => "Out";

    public override string PlannedShort => "Planned";

    public override string PlannedNotInBalance => "awaiting the vote, not in the balance";

    public override string Yuan(string amount) => $"¥{amount}";

    public override string VotesAndSpending => "Votes and spending";

    public override string AuthorityLabel => "Authority";

    public override string AuthorityText(OwnersVote.Web.Features.Money.SpendingAuthority authority) => authority switch
    {
        OwnersVote.Web.Features.Money.SpendingAuthority.Authorised => "Vote passed: the owners approved this spending",
        OwnersVote.Web.Features.Money.SpendingAuthority.PendingVote => "Planned: the vote has not passed; nothing is paid before it does",
        OwnersVote.Web.Features.Money.SpendingAuthority.Refused => "Vote failed: not to be paid",
        OwnersVote.Web.Features.Money.SpendingAuthority.UnknownVote => "The named vote is not found",
        _ => "No vote needed",
    };

    public override string TimelineText(OwnersVote.Web.Features.Money.TimelineStepKind step, bool done) => step switch
    {
        OwnersVote.Web.Features.Money.TimelineStepKind.MatterPublished => "Matter and quotation published",
        OwnersVote.Web.Features.Money.TimelineStepKind.VotingOpens => done ? "Voting opened" : "Voting opens",
        OwnersVote.Web.Features.Money.TimelineStepKind.VotingCloses => done ? "Voting closed" : "Voting closes (scheduled)",
        OwnersVote.Web.Features.Money.TimelineStepKind.Passed => "Passed; result published",
        OwnersVote.Web.Features.Money.TimelineStepKind.NotPassed => "Not passed; result published",
        OwnersVote.Web.Features.Money.TimelineStepKind.Planned => "On the statement as planned spending (not in the balance)",
        OwnersVote.Web.Features.Money.TimelineStepKind.Paid => "Paid, on the statement",
        _ => "Payment only after the vote passes; nothing paid yet",
    };

    public override string Day(DateTimeOffset instant) => InChina(instant).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public override string StatementLogEntry(long index) => $"log entry {index}";

    public override string DateLabel => "Date";

    public override string LineDescription => "Description";

    public override string AmountYuan => "Amount (yuan)";

    public override string LineKind(OwnersVote.Voting.Events.StatementLineKind kind) => kind switch
    {
        OwnersVote.Voting.Events.StatementLineKind.Deposit => "Deposit",
        OwnersVote.Voting.Events.StatementLineKind.Interest => "Interest",
        OwnersVote.Voting.Events.StatementLineKind.Parking => "Parking",
        OwnersVote.Voting.Events.StatementLineKind.Advertising => "Advertising",
        OwnersVote.Voting.Events.StatementLineKind.Venue => "Venue rental",
        OwnersVote.Voting.Events.StatementLineKind.Spending => "Spending",
        _ => "Planned",
    };

    public override string SupportingDocument => "Voucher";

    public override string Attachments => "Attachments";

    public override string PublishStatementTitle => "Publish a statement";

    public override string PublishStatementIntro => "Upload a period's lines (.xlsx or .csv) with the period and the opening balance. If any row is wrong nothing is published, and every wrong row is listed by number. A published statement goes into the tamper-evident log.";

    public override string StatementPublishedText(int lines, long logIndex) => $"Published: {lines} lines, log entry {logIndex}.";

    public override string SeePublished => "See the public page";

    public override string ImportRefused(int problems) => $"Not published: {problems} problem(s) found; correct them and upload again.";

    public override string ImportProblemText(OwnersVote.Web.Features.Money.ImportProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        string at = problem.Row > 0 ? $"Row {problem.Row}: " : "";
        string v = problem.Value;
        return at + problem.Code switch
        {
            OwnersVote.Web.Features.Money.ImportProblemCode.Unreadable => $"the file cannot be read ({v})",
            OwnersVote.Web.Features.Money.ImportProblemCode.NoHeader => "the file has no header row",
            OwnersVote.Web.Features.Money.ImportProblemCode.UnknownColumn => $"unknown column \"{v}\"",
            OwnersVote.Web.Features.Money.ImportProblemCode.MissingColumn => $"the \"{v}\" column is missing",
            OwnersVote.Web.Features.Money.ImportProblemCode.NoLines => "no lines under the header",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadDate => $"\"{v}\" is not a date like 2026-06-30",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadKind => $"kind \"{v}\" does not belong on this statement",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadAmount => $"\"{v}\" is not a positive amount in yuan with at most two decimals",
            OwnersVote.Web.Features.Money.ImportProblemCode.NoDescription => "the description is empty",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadDocument => $"document \"{v}\" is not a SHA-256 hash",
            OwnersVote.Web.Features.Money.ImportProblemCode.OutsidePeriod => $"{v} is outside the period",
            OwnersVote.Web.Features.Money.ImportProblemCode.OutOfOrder => $"{v} is before the row above; sort by date",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteRequired => "fund spending and planned spending name the vote that approves them (Civil Code art. 278)",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteNotAllowed => $"only spending names a vote; this row names \"{v}\"",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteNotFound => $"no vote \"{v}\" in this compound",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteFailed => $"vote \"{v}\" failed; nothing may be paid on it",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteNotPassed => $"vote \"{v}\" has not passed; record the spending as planned",
            OwnersVote.Web.Features.Money.ImportProblemCode.VoteOfOtherBuildings => $"vote \"{v}\" is not this building's owners' vote",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadPeriod => $"period {v} is wrong: a fund statement covers at most six months, a public-income statement one calendar quarter",
            OwnersVote.Web.Features.Money.ImportProblemCode.BadOpening => $"opening balance \"{v}\" is not an amount in yuan",
            OwnersVote.Web.Features.Money.ImportProblemCode.NotContinuous => $"does not follow the previous statement: this one starts at {v} (date, yuan)",
            OwnersVote.Web.Features.Money.ImportProblemCode.NegativeBalance => $"the balance would go negative ({v})",
            OwnersVote.Web.Features.Money.ImportProblemCode.UnknownBuilding => $"no building {v} in this compound",
            _ => $"a statement for this period (from {v}) is already published",
        };
    }

    public override string StatementAccount => "Account";

    public override string BuildingLabel => "Building (maintenance fund)";

    public override string PeriodFrom => "First day";

    public override string PeriodTo => "Last day";

    public override string OpeningYuan => "Opening balance (yuan)";

    public override string LinesFile => "Lines file (.xlsx or .csv)";

    public override string LinesFileHelp => "First row is the header: date, kind, amount, description, optionally vote, document (or 日期、类别、金额、摘要、表决、凭证). Kinds: deposit, interest, parking, advertising, venue, spending, planned. Amounts in yuan, at most two decimals.";

    public override string PublishStatement => "Check and publish";

    public override string NoticesTitle => "Notices";

    public override string NoNotices => "No notices yet.";

    public override string NoticeRead => "read";

    public override string NoticeUnread => "unread";

    public override string PublishNoticeTitle => "Publish a notice";

    public override string NoticePublishedText(long logIndex) => $"Published as log entry {logIndex}.";

    public override string NoticeTitleLabel => "Title";

    public override string NoticeBodyLabel => "Text";

    public override string NoticeScopeLabel => "For the owners of which buildings (none ticked: every owner)";

    public override string PublishNotice => "Publish";

    public override string ReadReceipts => "Read receipts (owners who read / owners, per building)";

    public override string ReadCount => "Read / owners";
}
