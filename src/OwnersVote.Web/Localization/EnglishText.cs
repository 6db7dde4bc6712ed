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

    public override string CompoundWitnessesHeading => "This compound's witnesses";

    public override string CompoundWitnessQuorum(int quorum, int witnesses) => $"This compound's ballot receipts are given only once at least {quorum} of its {witnesses} own witnesses have cosigned the checkpoint.";

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

    public override string Channel(string wire) => wire switch
    {
        "paper" => "Paper",
        "silent-majority" => "Not voted, counted as yes",
        _ => "Online",
    };

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

    public override string SignInIntro => "First time: type the one-time invitation code from your printed letter. Where the records hold your phone number, you also type its last four digits; where they hold none, the code alone is checked. Each code works once and expires.";

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
        "too-many-units" => "The ballot is larger than the public record takes for one ballot; it was not recorded. Please contact the owners' committee.",
        _ => $"The signature did not verify; the ballot was not sent ({code}). Please try again.",
    };

    public override string BallotRefusedTitle(string code) => code switch
    {
        "not-in-scope" => "This matter is not yours to vote on",
        "not-yet-open" => "Voting has not started",
        "closed" => "Voting has closed",
        "already-voted" => "You have voted",
        "no-passkey" => "Set up a passkey first",
        "too-many-units" => "Too many units for one ballot",
        _ => "You cannot vote right now",
    };

    public override string BallotRefusedText(string code) => code switch
    {
        "not-in-scope" => "Only owners in the buildings concerned vote on this matter (Shanghai Residential Property Management Regulations, art. 69).",
        "not-yet-open" => "Please come back when voting opens.",
        "closed" => "Voting on this matter has ended; the result is published.",
        "already-voted" => "This vote cannot be changed once cast.",
        "no-passkey" => "Your ballot is signed with your passkey. Set one up on this phone (a new passkey may need to wait before it can vote).",
        "too-many-units" => "A ballot names every unit you vote for, and you hold more units than one ballot can record. No ballot was made and nothing was recorded. Please contact the owners' committee.",
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

    public override string ReceiptHeldText(long index) =>
        $"This ballot is recorded in the public log as entry {index}. Its receipt is given once the independent witnesses have confirmed (cosigned) the log. This page checks again every few seconds and shows the receipt here when it is ready; you do not need to vote again.";

    public override string ReceiptHeldMissing => "Still waiting for: ";

    public override string ReceiptHeldCheckAgain => "Check again";

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

    // Paper ballots (issue 5).
    public override string PaperTitle => "Paper ballots";

    public override string PaperSummary(int principals, int votedOnline, int issued, int recorded) =>
        $"{principals} votes in scope (one per principal): {votedOnline} voted online; {issued} paper ballots valid; {recorded} paper ballots recorded.";

    public override string PaperPrintRefused(Features.Paper.PrintRefusal refusal, string? detail) => refusal switch
    {
        Features.Paper.PrintRefusal.Closed => "The vote is closed: no more ballots are issued. Returned ballots can still be recorded.",
        Features.Paper.PrintRefusal.NothingToPrint => "Every owner in scope has voted; nothing to print.",
        Features.Paper.PrintRefusal.NotInScope => "That unit is not in this vote's scope (or not on the roll).",
        Features.Paper.PrintRefusal.AlreadyRecorded => "This owner's paper ballot is already recorded; no new one is issued.",
        Features.Paper.PrintRefusal.Layout => $"The matter does not fit on a ballot sheet: {detail}",
        Features.Paper.PrintRefusal.TooManyUnits => $"This owner holds {detail} units, more than one ballot can record: no ballot is issued and nothing was recorded. Please agree a way with the owners' committee.",
        _ => "No such vote.",
    };

    public override string PaperTooManyUnits(IReadOnlyList<string> firstUnits) =>
        $"These owners hold more units than one ballot can record, so \"print all\" prints no ballot for them (by first unit): {string.Join(", ", firstUnits)}.";

    public override string PaperPrintAllTitle => "Print all ballots";

    public override string PaperPrintAllHint => "One page for every owner who has not voted online and has no recorded paper ballot (several units of one owner share a page). Each page's serial goes into the public log; printing again voids the ballots issued before.";

    public override string PaperPrintAll => "Print all paper ballots (PDF)";

    public override string PaperReissueTitle => "One ballot";

    public override string PaperReissueHint => "Issue a ballot for one unit; the owner's earlier paper ballot becomes void.";

    public override string PaperUnitLabel => "Unit (e.g. 57-101)";

    public override string PaperReissue => "Issue this unit's ballot (PDF)";

    public override string PaperUploadTitle => "Upload scanned ballots";

    public override string PaperReviewTitle => "Review paper ballots";

    public override string PaperResultLink => "See the count";

    public override string PaperUploadIntro => "Upload PNG, JPEG, TIFF (several pages allowed) or PDF (several pages allowed). Each page is read and queued; two officers confirm it before it goes into the log.";

    public override string PaperUploadFiles => "Scanned files";

    public override string PaperUpload => "Upload and read";

    public override string PaperUploadFailed(string? file, string error) =>
        file is null ? "Choose at least one scanned file." : $"Cannot read {file} ({error}). Nothing of this upload was kept.";

    public override string PaperQueued(int pages) => $"{pages} page(s) read and queued for review.";

    public override string PaperPageOf(string file, int page) => $"{file} page {page}";

    public override string PaperScanRefusal(string code) => code switch
    {
        "mac-mismatch" => "Refused: the QR code does not verify; the ballot is forged or altered",
        "qr-malformed" => "Refused: the QR code is not one of our ballots",
        "wrong-vote" => "Refused: a ballot of another vote",
        "qr-unreadable" => "The QR code cannot be read: scan again",
        "serial-not-issued" => "Refused: this serial was never issued",
        "serial-voided" => "Refused: this ballot is void (a new one was issued to the owner)",
        "not-as-issued" => "Refused: the unit differs from the issued ballot",
        _ => "Refused: " + code,
    };

    public override string PaperScanState(string state) => state switch
    {
        "pending" => "Waiting for a first officer",
        "confirmed" => "Waiting for a second officer",
        "recording" => "Being recorded",
        "recorded" => "Recorded in the log",
        "duplicate" => "Duplicate: this serial is already recorded (counted once)",
        _ => "Refused",
    };

    public override string PaperReadClearly => "Read clearly";

    public override string PaperNeedsLook => "Needs a close look";

    public override string PaperReviewIntro => "Every ballot needs two different officers: the first checks the reading against the image and confirms or corrects it, the second approves; only then is it written to the public log.";

    public override string PaperReviewEmpty => "The review queue is empty.";

    public override string PaperReviewRefused(Features.Paper.ReviewRefusal refusal) => refusal switch
    {
        Features.Paper.ReviewRefusal.SameOfficer => "Two-person rule: the officer who confirmed a ballot cannot approve it; another officer must.",
        Features.Paper.ReviewRefusal.SheetRefused => "This ballot was refused and cannot be recorded.",
        Features.Paper.ReviewRefusal.NotWaiting => "Another officer has already handled this ballot.",
        Features.Paper.ReviewRefusal.BadAnswers => "Choose yes, no, abstain or invalid for every question.",
        Features.Paper.ReviewRefusal.DuplicateSerial => "This serial is already recorded: a ballot counts once.",
        Features.Paper.ReviewRefusal.SerialVoided => "This ballot is void (a new one was issued to the owner) and cannot be recorded.",
        _ => "No such ballot.",
    };

    public override string PaperReviewDone(long? index, string? superseded) =>
        index is not { } i ? "Confirmed; waiting for another officer to approve."
        : superseded is null ? $"Recorded as public log entry {i}; it counts."
        : $"Recorded as public log entry {i}; the owner voted online, the online ballot stands and this one does not count.";

    public override string PaperSerial(string serial) => $"serial {serial}";

    public override string PaperReviewReason(string code) => code switch
    {
        "corners-not-found" => "corner squares not found",
        "orientation-unclear" => "orientation unclear",
        "scale-off" => "stretched by more than 2%",
        "low-contrast" => "contrast too low",
        "noisy-background" => "blank areas carry ink",
        "qr-unreadable" => "QR code unreadable",
        "qr-malformed" => "QR code malformed",
        "mac-mismatch" => "QR code forged or altered",
        "wrong-vote" => "a ballot of another vote",
        "serial-refused" => "serial not usable",
        "duplicate-serial" => "serial seen twice",
        "no-questions" => "no answer boxes found",
        "question-rows" => "question rows do not match",
        "no-mark" => "a question is not marked",
        "multiple-marks" => "a question has several marks",
        "uncertain-mark" => "a box's mark is unclear",
        "no-signature" => "no signature",
        _ => code,
    };

    public override string PaperScanImage(string? unit) => unit is null ? "Scanned image" : $"Scan of {unit} with the boxes outlined";

    public override string PaperSignatureRead(bool signed, int ink) =>
        $"Signature box: {(signed ? "signed" : "no signature seen")} (ink {ink / 10}.{ink % 10}%)";

    public override string PaperUpsideDown => " (scanned upside down)";

    public override string PaperQuestionColumn => "Question";

    public override string PaperReadColumn => "Read";

    public override string PaperConfirmColumn => "Confirmed";

    public override string PaperReadValue(string value) => value switch
    {
        "yes" => "Yes",
        "no" => "No",
        "abstain" => "Abstain",
        "multiple" => "Several",
        _ => "None",
    };

    public override string PaperInk(IReadOnlyList<int> ink) =>
        $"(yes {ink[0] / 10}.{ink[0] % 10}% · no {ink[1] / 10}.{ink[1] % 10}% · abstain {ink[2] / 10}.{ink[2] % 10}%)";

    public override string PaperChoice(string choice) => choice switch
    {
        "yes" => "Yes",
        "no" => "No",
        "abstain" => "Abstain",
        _ => "Invalid",
    };

    public override string PaperSignedLabel => "The owner signed the ballot";

    public override string PaperConfirm => "Confirm the reading";

    public override string PaperConfirmedBy(string officer, bool signed) =>
        signed ? $"Confirmed by {officer}." : $"Confirmed by {officer}: not signed, every answer is recorded as invalid (participating, not yes).";

    public override string PaperApprove => "Approve and record";

    public override string PaperReturn => "Send back";

    public override string ProxyRegisterTitle => "Register a proxy";

    public override string ProxyRegisterIntro => "An owner may mandate another person in writing to vote for them (Shanghai Residential Property Management Regulations art. 18). Check the mandate the owner signed and upload its scan; a second officer approves the proxy's invitation.";

    public override string ProxyIdNumberLabel => "Proxy's ID number (only its keyed hash is kept)";

    public override string ProxyVoteLabel => "Vote id (for one vote)";

    public override string ProxyFromLabel => "Or for a period: from";

    public override string ProxyUntilLabel => "until";

    public override string ProxyScanLabel => "Scan of the signed mandate";

    public override string ProxyRegister => "Register the mandate";

    public override string ProxyRegistered(string unit, long index) => $"The mandate of the owner of {unit} is registered (log entry {index}). The proxy's invitation waits for a second officer.";

    public override string ProxyRefused(string reason) => reason switch
    {
        "NotOnRoll" => "This unit is not on the roll.",
        "NoProxy" => "Give the proxy's ID number (not the owner's own).",
        "BadScope" => "Give a published vote id, or a period whose start is before its end.",
        "NoScan" => "Upload the scan of the mandate the owner signed.",
        "AlreadyRevoked" => "This mandate is already revoked.",
        "ProxyVoted" => "The proxy already voted under this mandate and that ballot stands; where the vote allows changes you may still vote yourself.",
        "NoCredential" => "You have no passkey that may sign yet (none set up, or still in the cooling-off period).",
        "BadSignature" => "The signature did not verify; the mandate has not been given.",
        "Busy" => "The system is busy; please try again shortly.",
        _ => "No such mandate.",
    };

    public override string ProxiesTitle => "My proxies";

    public override string ProxiesIntro => "The people you mandated to vote for you. After a revocation the proxy's later ballots are refused; ballots cast before stand. Once you vote yourself, the proxy's ballot no longer counts.";

    public override string ProxiesNone => "You have not mandated anyone.";

    public override string ProxyItem(string? vote, string? from, string? until, string granted) =>
        vote is not null ? $"Mandate for vote {vote}, registered {granted}" : $"Mandate from {from} until {until}, registered {granted}";

    public override string ProxyRevoke => "Revoke";

    public override string ProxyRevokedAt(string when) => $"Revoked {when}";

    public override string ProxyRevokedNote => "The mandate is revoked and the revocation is in the log.";

    public override string ProxiesGrantLink => "Mandate a proxy online";

    public override string MandateTitle => "Mandate a proxy";

    public override string MandateIntro => "You may mandate another person in writing to vote for you (Shanghai Residential Property Management Regulations art. 18). Online, your passkey signature is your written signature (Electronic Signature Law arts. 13–14). The proxy may be an owner of this compound (give their unit) or anyone else (give their ID number; only its keyed hash is kept, and the proxy collects an invitation at the property office from two officers).";

    public override string MandateWhoLegend => "Proxy";

    public override string MandateProxyUnitLabel => "The proxy's unit (an owner of this compound)";

    public override string MandateProxyIdLabel => "Or the proxy's ID number (not an owner here)";

    public override string MandateScopeLegend => "Scope";

    public override string MandateVoteLabel => "The vote";

    public override string MandatePeriodOption => "Not one vote: the period below";

    public override string MandatePrepare => "Read the mandate";

    public override IReadOnlyList<string> MandateText(IReadOnlyList<string> ownerUnits, string? proxyUnit, string? proxyIdTail, string? vote, string? from, string? until) =>
    [
        $"Principal: the owner of {string.Join(", ", ownerUnits)} (me).",
        proxyUnit is not null ? $"Proxy: the owner of {proxyUnit}." : $"Proxy: the person whose ID number ends in {proxyIdTail}.",
        vote is not null ? $"Mandate: to vote for me in the vote \"{vote}\"." : $"Mandate: to vote for me in votes held from {from} until {until}.",
        "I may revoke this mandate at any time; the proxy's ballots before the revocation stand, later ones do not count. Once I vote myself, the proxy's ballot in that vote no longer counts.",
        "This mandate and your signature go into the public log (unit numbers and keyed hashes only, no names or ID numbers), where anyone can check them.",
    ];

    public override string MandateExact => "The exact text signed (JSON)";

    public override string MandateSignExplain => "Check the above, then sign with your passkey.";

    public override string MandateSign => "Sign the mandate";

    public override string MandateSignFailed => "Not signed: the mandate has not been given. Please try again.";

    public override string MandateStartAgain => "Start again";

    public override string MandateGranted(long index) => $"The mandate is signed and in the log (entry {index}).";

    public override string MandateInvite => "Ask your proxy to bring their ID card to the property office; two officers check it and issue an invitation, with which the proxy sets up their own passkey and can then vote for you.";

    public override string ProxyInviteTitle => "Invitation for a proxy mandated online";

    public override string ProxyInviteIntro => "Where an owner mandated a proxy online by ID number, check the proxy's ID card and give the owner's unit and the proxy's ID number; a second officer approves the invitation.";

    public override string ProxyInvite => "Ask for the invitation";

    public override string ProxyInviteRequested(string unit) => $"The invitation for the proxy of the owner of {unit} waits for a second officer's approval.";

    public override string RevokeTitle => "Revoke an owner's passkeys (officers)";

    public override string RevokeIntro => "When an owner's phone is lost or stolen, check the owner's identity and ask to revoke all their passkeys and device keys; a second officer approves. The revocation goes into the log naming both officers, ballots and mandates signed with those keys from then on do not count, the owner is notified, and may enrol again at the desk.";

    public override string RevokeReasonLabel => "Reason";

    public override string RevokeReason(string code) => code switch
    {
        "lost-device" => "Phone lost",
        "stolen-device" => "Phone stolen",
        _ => "The owner asked",
    };

    public override string RevokeIdentityChecked => "I checked the owner's ID card";

    public override string RevokeRequest => "Ask to revoke (a second officer approves)";

    public override string RevokeRequested(string unit) => $"Revocation of the keys of the owner of {unit} waits for a second officer.";

    public override string RevokePendingTitle => "Revocations waiting for approval";

    public override string RevokePendingItem(string unit, string reason, string officer, string when) => $"{unit} ({reason}), asked by {officer} at {when}";

    public override string RevokeApprove => "Approve the revocation";

    public override string RevokeDone(string unit, int credentials, string officers, bool notified) =>
        $"Revoked {credentials} key(s) of the owner of {unit}, in the log ({officers}). " + (notified ? "The owner was notified." : "The notice was not sent; tell the owner another way.");

    public override string RevokeRefused(string reason) => reason switch
    {
        "SameOfficer" => "The officer who asked cannot approve (two-person rule).",
        "NotOnRoll" => "This unit is not on the roll.",
        "IdentityNotChecked" => "Check the owner's identity and tick the box first.",
        "BadReason" => "Choose a reason.",
        "NoCredential" => "This owner has no key to revoke.",
        _ => "No such pending request.",
    };

    public override string VotingAsProxy => "You vote as proxy for the owner who mandated you.";

    public override string BallotsByProxy(int proxy) => $"Of these, {proxy} were cast by a proxy.";

    public override string CustodialTitle => "Enter a ballot for an owner";

    public override string CustodialIntro => "For an owner without a capable phone, enter their choice while they are present; a second officer confirms before it is logged, marked custodial and naming both officers.";

    public override string CustodialOwnerPresent => "The owner is present, I checked their ID, and this is their own choice";

    public override string CustodialEnter => "Enter; a second officer confirms";

    public override string CustodialEntered(string unit) => $"The choice of the owner of {unit} is entered and waits for a second officer.";

    public override string CustodialRefused(string reason) => reason switch
    {
        "NoSuchVote" => "No such vote.",
        "NotOnRoll" => "This unit is not on the vote's roll.",
        "TooManyUnits" => "This owner holds more units than one ballot can record, so it cannot be entered; nothing was recorded. Please agree a way with the owners' committee.",
        "NotInScope" => "This unit is outside the vote's scope.",
        "OwnerNotPresent" => "Confirm that the owner is present and identified.",
        "BadAnswers" => "Choose one answer for every question.",
        "NotOpen" => "The vote is not open now.",
        "AlreadyVoted" => "The owner already voted and this vote does not allow changes.",
        "SameOfficer" => "The officer who entered the choice cannot confirm it (two-person rule).",
        _ => "No such ballot is waiting.",
    };

    public override string CustodialConfirmTitle => "Confirm custodial ballots";

    public override string CustodialConfirmIntro => "Check the choice with the owner present, then confirm. The ballot is logged; the owner is notified and takes a printed receipt.";

    public override string CustodialPendingItem(string unit, string answers, string enteredBy) => $"{unit}: {answers} (entered by {enteredBy})";

    public override string CustodialConfirm => "Confirm";

    public override string CustodialConfirmed(long index, string leafHash, bool counts) =>
        $"The custodial ballot is log entry {index} (leaf hash {leafHash}). " + (counts ? "It counts." : "It does not count.");

    public override string CustodialNotNotified => "The owner could not be notified; tell them another way.";

    public override string CustodialPrintReceipt => "Print the receipt";

    public override string CustodialReceiptHeld(long index) =>
        $"The custodial ballot is log entry {index}, but the independent witnesses have not yet confirmed (cosigned) the log, so its receipt cannot be printed yet. Print it once they have; do not enter the ballot again.";

    public override string CustodialReceiptHeading => "Custodial ballot receipt";

    public override string CustodialReceiptMatter => "Matter";

    public override string CustodialReceiptUnits => "Units";

    public override string CustodialReceiptAnswers => "The owner's choice";

    public override string CustodialReceiptOfficers => "Officers";

    public override string CustodialReceiptOfficerNames(string enteredBy, string confirmedBy) => $"entered by {enteredBy}, confirmed by {confirmedBy}";

    public override string CustodialReceiptEntry => "Log entry";

    public override string CustodialReceiptEntryText(long index, string leafHash, string when) => $"Entry {index}, {when}\nLeaf hash {leafHash}\nThe inclusion proof below can be checked on the \"verify my ballot\" page or with ov verify --receipt.";

    // Issue 6: the editable roll, invitation letters (helper "roll").
    public override string RollTitle => "Roll of owners";

    public override string RollIntro => "Each vote's frozen roll comes from this roll. Imports, edits and transfers are recorded with the officer; a freeze goes into the public log, which names owners only by keyed hash, never by name or ID number.";
    public override string RollImportHeading => "Import a roll";

    public override string RollImportHint => "Upload a .xlsx or .csv file with the headers 楼号, 室号, 业主编号, 面积, 面积来源 (optionally 姓名, 身份证号, 手机) or building, unit, owner, area, area_source. Write 开发商 as the owner of the developer's unsold units. If any row is wrong nothing is imported, and every bad row is listed.";
    public override string RollImportFile => "Roll file (.xlsx or .csv)";

    public override string RollImportButton => "Import";
    public override string RollImported(int units, int owners) => $"Imported {units} units and {owners} owners.";

    public override string RollImportFailed(int problems) => $"The roll has {problems} problem(s); nothing was imported:";
    public override string RollFreezeHeading => "Freeze the roll for a new vote";

    public override string RollFreezeHint => "The roll is frozen with the owners as of the vote's opening (transfers effective later do not count) and written to the log; it cannot change afterwards.";
    public override string RollVoteIdLabel => "Vote id (lower-case letters, digits and hyphens)";

    public override string RollOpensLabel => "Voting opens at (Beijing time)";
    public override string RollFreezeButton => "Freeze the roll";

    public override string RollFrozenDone(string vote, int units, int heads, string area, long logIndex, int entries) =>
        $"The roll of vote {vote} is frozen: {units} units, {heads} owners, {area} m² ({(entries > 1 ? $"log entries {logIndex} to {logIndex + entries - 1}" : $"log entry {logIndex}")}).";

    public override string RollFreezeRefused(string refusal) => "Not frozen: " + refusal switch
    {
        "BadVoteId" => "the vote id or the opening time is not valid.",
        "UnknownCompound" => "the compound is not registered.",
        "EmptyRoll" => "the roll is empty; import one first.",
        "AlreadyFrozen" => "this vote's roll is already frozen.",
        _ => refusal,
    };

    public override string RollUnitsHeading => "Units";
    public override string RollAllBuildings => "All buildings";

    public override string RollFilter => "Filter";
    public override string RollColumnUnit => "Unit";

    public override string RollColumnBuilding => "Building";
    public override string RollColumnArea => "Area (m²)";

    public override string RollColumnSource => "Area source";
    public override string RollColumnOwner => "Voting owner";

    public override string RollColumnCoOwners => "Other co-owners";
    public override string RollColumnWhen => "When";

    public override string RollColumnOfficer => "Officer";
    public override string RollColumnChange => "Change";

    public override string RollHistoryHeading => "History";
    public override string RollAreaSource(OwnersVote.Voting.AreaSource source) => source switch
    {
        OwnersVote.Voting.AreaSource.Registry => "Registry",
        OwnersVote.Voting.AreaSource.Survey => "Survey",
        _ => "Contract",
    };

    public override string RollUnitTitle(string unit) => $"Roll: {unit}";
    public override string RollSaved => "Saved and recorded in the history.";

    public override string RollRefused(string refusal) => "Not saved: " + refusal switch
    {
        "UnknownUnit" => "no such unit on the roll.",
        "BadId" => "an id or a date is not valid.",
        "BadArea" => "the area must be square metres with at most two decimals, and not 0.",
        "BadAreaSource" => "the area source must be registry, survey or contract.",
        "BadIdNumber" => "the ID number's length or check digit is wrong.",
        "BadPhone" => "the phone number is not valid.",
        "OwnerMismatch" => "this owner code is on file with another ID number.",
        "SameOwner" => "already an owner of this unit.",
        "NotACoOwner" => "not a co-owner of this unit.",
        "DeveloperCoOwner" => "the developer's unsold units cannot be co-owned with a person.",
        _ => refusal,
    };

    public override string RollEditUnitHeading => "Correct the area and building";
    public override string RollAreaLabel => "Exclusive area (m²)";

    public override string RollSave => "Save";
    public override string RollOwnersHeading => "Owners";

    public override string RollOwnerCode => "Owner code";
    public override string RollOwnerName => "Name";

    public override string RollOwnerPhone => "Phone";
    public override string RollOwnerIdNumber => "ID number";

    public override string RollIdOnFile => "On file (hash only)";
    public override string RollCasts => "Casts the vote";

    public override string RollChooseCaster => "Let this co-owner vote";
    public override string RollEditOwnerHeading => "Update an owner's particulars";

    public override string RollTransferHeading => "Transfer";
    public override string RollTransferHint => "The new owner votes in votes that open after the transfer takes effect; votes already open stay with the previous owner.";

    public override string RollNewOwner => "New owner code";
    public override string RollEffective => "Date the transfer was registered";

    public override string RollTransferButton => "Record the transfer";
    public override string RollCoOwnerHeading => "Add a co-owner";

    public override string RollAddCoOwner => "Add";
    public override string RollTransfersHeading => "Transfers";

    public override string RollTransferItem(string from, string to, string effective, string officer) => $"{from} → {to}, effective {effective} (recorded by {officer})";
    public override string LettersTitle => "Invitation letters";

    public override string LettersIntro => "Print an invitation letter (one-time code and QR code) for every voting owner of a building. One officer asks, another approves and prints; the codes appear only in that printout. Record who handed each letter out and how.";
    public override string LettersRequest => "Ask to print";

    public override string LettersRequested(string building) => $"Asked to print building {building}'s letters; another officer must approve.";
    public override string LettersRefused(string refusal) => "Not done: " + refusal switch
    {
        "NoSuchBuilding" => "no such building on the roll.",
        "Unknown" => "no such request or letter.",
        "SameOfficer" => "the officer who asked cannot approve.",
        "BadMethod" => "choose how the letter was handed out.",
        _ => refusal,
    };

    public override string LettersPendingHeading => "Waiting for approval";
    public override string LettersPendingItem(string building, string officer, string when) => $"Building {building}, asked by {officer} at {when}";

    public override string LettersApprove => "Approve and download the PDF";
    public override string LettersPrintedHeading => "Printed letters";

    public override string LettersPrintedAt => "Printed";
    public override string LettersDelivery => "Delivery";

    public override string LettersDeliver => "Record delivery";
    public override string LettersDelivered(string officer, string when, string method) => $"{officer}, {when}, {method}";

    public override string DeliveryMethod(string method) => method switch
    {
        "in-person" => "handed over in person",
        "mailbox" => "put in the mailbox",
        "post" => "sent by post",
        _ => method,
    };

    public override string LetterTo(string owner) => $"Dear {owner},";
    public override string LetterScan => "Scan to sign in";

    public override string LetterFooter(string letterId) => $"Letter {letterId} (for recording delivery; not the code)";
    // Issue 6: privacy (my data, retention), sign-in through an identity provider, the phone check.
    public override string PhoneEndingLabel => "Last four digits of your phone number";

    public override string PhoneEndingHint => "The records hold your phone number. To confirm it is you, type its last four digits.";

    public override string PhoneEndingWrong => "Those are not the last four digits. Please check; after several wrong tries this code cannot be used for the rest of the day.";

    public override string NoPhoneOnFile => "The records hold no phone number for you, so no phone digits were checked at sign-in. To add one, ask the property service centre or the owners' committee.";

    public override string ExternalSignInHeading => "Sign in with the government identity app";

    public override string ExternalSignInIntro(string provider) => $"You can also sign in without a code: verify your identity in {provider} and come back. This site only checks that your ID number is on the owners' roll (it keeps a keyed hash, never the number).";

    public override string ExternalSignInButton(string provider) => $"Sign in with {provider}";

    public override string ExternalUnknownOwner => "Your identity was verified, but no owner on the roll has this ID number, so you are not signed in. Sign in with the code from your letter, or have the roll checked at the property service centre.";

    public override string ExternalAmbiguous => "This ID number is on the rolls of several compounds, so the compound cannot be chosen for you. Sign in with the code from that compound's letter.";

    public override string ExternalFailed => "Identity verification failed (the answer was invalid or refused); you are not signed in. Try again, or sign in with your code.";

    public override string MyDataTitle => "My data";

    public override string MyDataIntro => "Everything this system holds about you (Personal Information Protection Law arts. 44–45). Public result pages show unit numbers and areas only, never names or ID numbers.";

    public override string MyDataDownload => "Download my data (JSON)";

    public override string MyDataWho => "Identity";

    public override string MyDataCompound => "Compound";

    public override string MyDataOwnerHash => "Owner id (keyed hash)";

    public override string MyDataIdNumber => "ID number";

    public override string MyDataIdNumberHashed => "on file (as a keyed hash only, never the number)";

    public override string MyDataPhone => "Phone number";

    public override string MyDataRecordedBy => "Recorded by";

    public override string MyDataNone => "none";

    public override string MyDataUnits => "My units and areas";

    public override string MyDataAreaSource => "Area source";

    public override string MyDataSource(string source) => source switch
    {
        "registry" => "property register",
        "survey" => "survey",
        "contract" => "sales contract",
        _ => source,
    };

    public override string MyDataRollEntries => "Entries on each vote's frozen roll";

    public override string MyDataCredentials => "Passkeys and device keys";

    public override string MyDataCredential(string kind, DateTimeOffset? enrolledAt, DateTimeOffset activeFrom, DateTimeOffset? revokedAt) =>
        (kind == "device-key" ? "Device key" : "Passkey")
        + (enrolledAt is { } e ? $", set up {When(e)}" : "")
        + $", votes from {When(activeFrom)}"
        + (revokedAt is { } r ? $", revoked {When(r)}" : ", active");

    public override string MyDataInvitations => "Invitation codes and sign-ins";

    public override string MyDataInvitation(bool external, string issuedBy, DateTimeOffset expiresAt, DateTimeOffset? usedAt) =>
        external
            ? $"Signed in through the identity provider ({issuedBy}), {When(usedAt ?? expiresAt)}"
            : $"Invitation code (issued by {issuedBy}; only its hash is kept), " + (usedAt is { } u ? $"used {When(u)}" : $"unused, expires {When(expiresAt)}");

    public override string MyDataDesk(string unit, string requestedBy, DateTimeOffset requestedAt, string? approvedBy, DateTimeOffset? approvedAt) =>
        $"Enrolled at the desk for {unit} on {When(requestedAt)} by {requestedBy}" + (approvedBy is { } a && approvedAt is { } at ? $", approved by {a} on {When(at)}" : ", awaiting approval");

    public override string MyDataBallots => "My ballots and receipts";

    public override string MyDataReceipt(long entry) => $"receipt (log entry {entry})";

    public override string MyDataNotices => "Notices sent to me";

    public override string MyDataNotice(string template) => template switch
    {
        "credential-enrolled" => "a new passkey was set up (it votes after the cooling-off)",
        _ => template,
    };

    public override string MyDataNotHeld => "This system never keeps your ID number itself, only its keyed hash. In the public log your ballots name you only by a keyed hash, never by name.";

    public override string MyDataNothing => "This system holds nothing about you in this compound.";

    // Issue 7: the vote lifecycle (drafts, deliveries, reminders, objections, final result)
    public override string ManageVotesTitle => "Manage votes";

    public override string ManageVotesIntro => "Draft, announce, close, publish the result, answer objections, finalise. Every step after the draft is written to the log.";

    public override string NewDraft => "New draft";

    public override string NoVotesYet => "No votes yet.";

    public override string Stage(string stage) => stage switch
    {
        "Draft" => "Draft (private)",
        "Announced" => "Announced, not yet open",
        "Open" => "Open for voting",
        "Closed" => "Closed, result not yet published",
        "ObjectionPeriod" => "Preliminary result, open to objections",
        "AwaitingFinal" => "Objection period over, awaiting the final result",
        "AwaitingCorrection" => "An objection was upheld: awaiting the corrected preliminary result",
        "Final" => "Final result",
        _ => stage,
    };

    public override string DraftTitle => "Vote draft";

    public override string DraftIntro => "A draft is seen only by the committee and officers and is not logged; announcing freezes the roll and publishes the matter.";

    public override string LifecycleRefused(string code) => code switch
    {
        "not-found" => "No such vote.",
        "wrong-stage" => "This step does not belong to the vote's current stage.",
        "not-due" => "Not yet: a vote closes only at its closing time, and the result becomes final only after the objection period.",
        "objections-open" => "An objection is still unanswered; the result cannot be made final.",
        "correction-due" => "An upheld objection awaits the corrected preliminary result; the result cannot be made final before it.",
        "no-ballot-to-set-aside" => "A unit named to set aside has no counted ballot in this vote.",
        "undelivered" => "\"Silent majority\" needs proof of delivery to every owner who has not voted; some have none recorded.",
        "not-on-roll" => "Not on this vote's roll.",
        "not-in-objection-period" => "Objections are taken only during the objection period after the preliminary result.",
        "bad-text" => "Please fill in the title, the text and at least one question (at most 2,000 characters).",
        "text-too-long" => "The text is at most 15,000 characters, the title 200 and each question 500: the announcement must fit in one log entry. Summarise a longer plan and post it in full separately.",
        "bad-id" => "The vote id uses lowercase letters, digits and '-', at most 64 characters.",
        "id-taken" => "That vote id is already in use.",
        "bad-channel" => "Please choose how it was delivered.",
        "no-roll" => "The compound has no roll yet.",
        "unknown-building" => "A building in the scope is not on the roll.",
        "log-refused" => "This step contradicts what the log already holds; nothing was written.",
        "schedule:OpensBeforeAnnouncement" => "Voting cannot open before it is announced.",
        "schedule:PeriodTooShort" => "The voting period is at least 5 days.",
        "schedule:PeriodTooLong" => "The voting period is at most 60 days.",
        "schedule:ObjectionPeriodOutOfRange" => "The objection period is 1 hour to 30 days.",
        "schedule:ReminderOutsidePeriod" => "Reminders must fall within the voting period.",
        _ => code,
    };

    public override string DraftSaved => "Draft saved.";

    public override string MajorMatterWarning(string terms) => $"Note: the matter mentions \"{terms}\", which looks like a major matter (raising the fund, rebuilding, changing the use of common parts) that needs three quarters of the participating area and owners (Civil Code art. 278). Check each question's rule.";

    public override string DraftVoteId => "Vote id (lowercase letters, digits, -)";

    public override string DraftMatterTitle => "Title";

    public override string DraftScope => "Scope: building numbers, comma-separated; empty for the whole compound";

    public override string DraftQuestion(int number) => $"Question {number}";

    public override string DraftQuestionText => "Question (leave empty if not needed)";

    public override string DraftThreshold => "Rule";

    public override string ThresholdOrdinary => "Ordinary: more than half";

    public override string ThresholdMajor => "Major: at least three quarters";

    public override string DraftOpens => "Opens (Beijing time)";

    public override string DraftVotingDays => "Voting period (days, 5–60)";

    public override string DraftObjectionHours => "Objection period (hours, 0 for none)";

    public override string DraftReminders => "Remind non-voters this many hours before the close (comma-separated)";

    public override string DraftAllowChange => "Owners may change their ballot while the vote is open";

    public override string DraftSilentMajority => "Count non-voters as yes (\"silent majority\"; off by default)";

    public override string SilentMajorityWarning => "Warning: \"silent majority\" counts a non-voter as yes only with proof of delivery to every non-voter, and a court has annulled such a result ((2022) Hu 02 Min Chu No. 16). Do not turn it on unless the compound's rules provide for it.";

    public override string DraftSave => "Save draft";

    public override string DraftAnnounce => "Announce (freeze the roll, write to the log)";

    public override string LifecycleDone => "Done and written to the log.";

    public override string ObjectionPeriodEnds => "Objection period ends";

    public override string Turnout => "Turnout and delivery";

    public override string TurnoutText(int voted, int principals, int delivered, int reminders) => $"{voted} of {principals} owners have voted; delivery recorded for {delivered}; {reminders} reminders sent";

    public override string Timeline => "Timeline";

    public override string PreliminaryResult => "Preliminary result published";

    public override string LifecycleActions => "Actions";

    public override string DeliveryTitle => "Delivery record";

    public override string NotVotedTitle => "Owners who have not voted";

    public override string CloseVote => "Close the vote";

    public override string PublishResult => "Publish the result";

    public override string FinaliseResult => "Make the result final";

    public override string ObjectionsTitle => "Objections and answers";

    public override string NoObjections => "No objections.";

    public override string CommitteeAnswer => "Committee's answer";

    public override string AnswerLabel => "Answer";

    public override string AnswerSubmit => "Send the answer";

    public override string DeliveryIntro => "How, when and by whom each owner's notice and ballot were delivered. Shows only whether an owner has voted, never how.";

    public override string UnitsLabel => "Units";

    public override string VotedLabel => "Voted";

    public override string DeliveredLabel => "Delivered";

    public override string RecordDelivery => "Record delivery";

    public override string VotedYes => "Voted";

    public override string VotedNotYet => "Not yet";

    public override string DeliveryChannelName(string wire) => wire switch
    {
        "app" => "App",
        "sms" => "SMS",
        "letter" => "Printed letter",
        "posted" => "Posted at the building",
        "door" => "Door to door",
        _ => wire,
    };

    public override string NotVotedCount(int count) => $"{count} not yet voted";

    public override string NotVotedIntro => "Owners who have not voted, by building and floor, for door-knocking. Nobody's vote is shown.";

    public override string Print => "Print";

    public override string FloorLabel(int floor) => $"Floor {floor}";

    public override string FloorUnknown => "Other";

    public override string NotDelivered => "no delivery recorded";

    public override string RemindedTimes(int count) => $"reminded {count}×";

    public override string ObjectionsIntro => "After the preliminary result, owners may object during the objection period; the result becomes final only once the committee has answered. Objections and answers are logged and public, without names.";

    public override string FileObjection => "File an objection";

    public override string AwaitingAnswer => "Awaiting the committee's answer";

    public override string ObjectionPublicNote => "Your objection will be public and logged (without your name). Do not include ID or phone numbers.";

    public override string ObjectionLabel => "Your objection";

    public override string ObjectionSubmit => "Submit the objection";

    public override string FinalInLog(long treeSize) => $"The final result's entry is the last of the public log's first {treeSize} entries; their tree's root hash:";

    public override string CertificatePreliminary(string objectionEnds) => $"Preliminary result (open to objections until {objectionEnds}; final once the committee confirms)";

    public override string CertificateFinal => "Final result";


    public override string CertificateQuestions => "Each question";

    public override string QuestionOutcome(string question, string rule, string participating, string yes, string result) => $"{question}\n  Rule: {rule}\n  Took part: {participating}; yes: {yes}\n  Result: {result}";

    public override string RuleArticle(string threshold) => threshold == "Major" ? "major matter: at least three quarters of the participating area and owners (Civil Code art. 278 para. 2)" : "ordinary matter: more than half of the participating area and owners (Civil Code art. 278 para. 2)";

    public override string AreaAndHeads(string area, long heads) => $"{area} m², {heads} owners";

    public override string NoQuorum => "quorum not met: nothing decided";

    public override string CertificateFinalLog(long treeSize, string root) => $"Made final at the log's first {treeSize} entries, root hash: {root}";

    public override string CertificatePreliminaryShort => "preliminary result";

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

    public override string LinesOfKind(int count) => $"{count} lines, in total";

    public override string AllStatementLines(int count) => $"See all {count} lines";

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
            OwnersVote.Web.Features.Money.ImportProblemCode.TooLarge => $"the statement cannot be logged even one line per log entry ({v} lines): shorten an overlong line description, or attach fewer documents, and upload again",
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

    public override string MyDataOwnerCode => "Owner code on the roll";

    public override string MyDataName => "Name";

    public override string NoticesTitle => "Notices";

    public override string NoNotices => "No notices yet.";

    public override string NoticeRead => "read";

    public override string NoticeUnread => "unread";

    public override string PublishNoticeTitle => "Publish a notice";

    public override string NoticePublishedText(long logIndex) => $"Published as log entry {logIndex}.";

    public override string NoticeTitleLabel => "Title";

    public override string NoticeBodyLabel => "Text";

    public override string NoticeTooLarge => "Not published: the notice is larger than one log entry holds. Shorten the text, or upload the full text as an attachment.";

    public override string NoticeScopeLabel => "For the owners of which buildings (none ticked: every owner)";

    public override string PublishNotice => "Publish";

    public override string ReadReceipts => "Read receipts (owners who read / owners, per building)";

    public override string ReadCount => "Read / owners";

    public override string QuestionHeading(string id, string text) => $"Question {id}: {text}";

    public override string SilentMajorityTitle => "This vote counts non-voters as yes (\"silent majority\")";

    public override string SilentMajorityCounted(long heads, string squareMetres) => $"Non-voters the ballot reached, counted as yes: {heads} owners, {squareMetres} m².";

    public override string SilentMajorityUndelivered(long heads, string squareMetres) => $"Non-voters with no proof of delivery, not counted as yes: {heads} owners, {squareMetres} m². The result cannot be published until every delivery is proven.";

    public override string AnswerOn(string question, string choice) => $"{question}: {choice}";

    public override string SectionsNavigation => "Sections";

    public override string HomeLink => "Home";

    public override string CompoundInformation => "The compound's public information";

    public override string UpholdObjection => "Uphold: the result must be corrected and published again";

    public override string Upheld => "upheld";

    public override string CorrectionDue(string objection) => $"Objection {objection} was upheld: publish the corrected preliminary result, which starts the objection period again; the result cannot be made final before it.";

    public override string SetAsideLabel => "Ballots not to count (unit numbers, optional)";

    public override string SetAsideHint => "The units whose ballot was found not to count, separated by commas, e.g. 57-201. The correction and the recount are both written to the log.";

    public override string PublishCorrection => "Publish the corrected preliminary result";
}
