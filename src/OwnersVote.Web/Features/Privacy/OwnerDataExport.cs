namespace OwnersVote.Web.Features.Privacy;

/// <summary>
/// Everything this deployment holds about one owner (PIPL arts. 44–45: the right to know, read
/// and copy one's personal information), as the "my data" page shows it and its JSON download carries it.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="CompoundName">The compound's name.</param>
/// <param name="Owner">The owner's keyed-hash id: how the log, the tables and notices name them.</param>
/// <param name="ExportedAt">When this copy was made.</param>
/// <param name="OnFile">The particulars on the roll for sign-in, or null when none are.</param>
/// <param name="RollEntries">Each unit on each vote's frozen roll that this owner casts the vote for.</param>
/// <param name="Credentials">Passkeys and device keys enrolled for the owner.</param>
/// <param name="Invitations">Invitation codes issued to the owner (only their hashes are kept), and external sign-ins.</param>
/// <param name="DeskEnrolments">Enrolments at the officers' desk.</param>
/// <param name="Ballots">Ballots cast by or for the owner, with their log entry (the receipt).</param>
/// <param name="Notices">Notices in the outbox addressed to the owner.</param>
public sealed record OwnerDataExport(
    string Compound,
    string CompoundName,
    string Owner,
    DateTimeOffset ExportedAt,
    HeldParticulars? OnFile,
    IReadOnlyList<HeldRollEntry> RollEntries,
    IReadOnlyList<HeldCredential> Credentials,
    IReadOnlyList<HeldInvitation> Invitations,
    IReadOnlyList<HeldDeskEnrolment> DeskEnrolments,
    IReadOnlyList<HeldBallot> Ballots,
    IReadOnlyList<HeldNotice> Notices)
{
    /// <summary>
    /// Whether anything at all is held about this owner in this compound. A session for a compound
    /// whose records do not name the owner (a hash is per compound) gets nothing, not even its hash echoed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HoldsAnything =>
        OnFile is not null || RollEntries.Count > 0 || Credentials.Count > 0 || Invitations.Count > 0
        || DeskEnrolments.Count > 0 || Ballots.Count > 0 || Notices.Count > 0;

    /// <summary>The owner's units (distinct, from the latest roll that names them) with their area.</summary>
    public IReadOnlyList<HeldRollEntry> Units =>
        [.. RollEntries.GroupBy(e => e.Unit, StringComparer.Ordinal).Select(g => g.MaxBy(e => e.RollOrder)!).OrderBy(e => e.Unit, StringComparer.Ordinal)];
}

/// <summary>The owner's particulars on the editable roll (<c>roll_owners</c>).</summary>
/// <param name="OwnerCode">The owner code of the roll (业主编号).</param>
/// <param name="Name">The name on file, or null.</param>
/// <param name="IdNumberHashOnFile">Whether a keyed hash of the ID number is on file (the number itself never is).</param>
/// <param name="IdNumberHash">That hash, or null.</param>
/// <param name="Phone">The phone number on file, or null.</param>
/// <param name="RecordedBy">The officer who last changed them.</param>
/// <param name="RecordedAt">When.</param>
public sealed record HeldParticulars(string OwnerCode, string? Name, bool IdNumberHashOnFile, string? IdNumberHash, string? Phone, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A unit on a vote's frozen roll (RollFrozen).</summary>
/// <param name="FrozenFor">The vote whose roll it is.</param>
/// <param name="VoteTitle">That vote's title, or null if it has none yet.</param>
/// <param name="Unit">The unit id.</param>
/// <param name="Building">The building id.</param>
/// <param name="Area">Exclusive area in m², two decimals (JI art. 8).</param>
/// <param name="AreaSource">registry, survey or contract.</param>
/// <param name="RollOrder">The vote's opening time in ticks, to pick the latest roll.</param>
public sealed record HeldRollEntry(string FrozenFor, string? VoteTitle, string Unit, string Building, string Area, string AreaSource, long RollOrder);

/// <summary>An enrolled credential.</summary>
/// <param name="Id">The credential id (base64url).</param>
/// <param name="Kind">passkey or device-key.</param>
/// <param name="EnrolledAt">When it was enrolled (CredentialEnrolled), or null for one projected before this was recorded.</param>
/// <param name="ActiveFrom">When it may first sign (end of the cooling-off).</param>
/// <param name="RevokedAt">When it was revoked, or null.</param>
public sealed record HeldCredential(string Id, string Kind, DateTimeOffset? EnrolledAt, DateTimeOffset ActiveFrom, DateTimeOffset? RevokedAt);

/// <summary>An invitation, or a sign-in through the identity provider (kept like a used invitation).</summary>
/// <param name="CodeHash">The SHA-256 of the code (the code itself is not kept).</param>
/// <param name="IssuedBy">The officers, or the provider and the roll's officer, who issued it.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="UsedAt">When it was used, or null.</param>
/// <param name="External">True for a sign-in through the identity provider.</param>
public sealed record HeldInvitation(string CodeHash, IReadOnlyList<string> IssuedBy, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, bool External);

/// <summary>An enrolment at the desk.</summary>
/// <param name="Unit">The unit the owner came for.</param>
/// <param name="RequestedBy">The officer who checked identity.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="ApprovedBy">The second officer, or null.</param>
/// <param name="ApprovedAt">When, or null.</param>
public sealed record HeldDeskEnrolment(string Unit, string RequestedBy, DateTimeOffset RequestedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt);

/// <summary>A ballot and its receipt.</summary>
/// <param name="Vote">The vote id.</param>
/// <param name="VoteTitle">Its title.</param>
/// <param name="Entry">The log entry index: the receipt at <c>/receipts/{entry}</c>.</param>
/// <param name="CastAt">When it was cast or recorded.</param>
/// <param name="Channel">online or paper.</param>
/// <param name="Choice">yes, no, abstain or invalid.</param>
/// <param name="Counts">Whether it is the ballot that counts.</param>
/// <param name="Superseded">Whether a later ballot superseded it.</param>
/// <param name="Rejection">Why it never counts, or null.</param>
public sealed record HeldBallot(string Vote, string VoteTitle, long Entry, DateTimeOffset CastAt, string Channel, string Choice, bool Counts, bool Superseded, string? Rejection);

/// <summary>A notice addressed to the owner.</summary>
/// <param name="Template">The SMS/WeChat template.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="At">When it was raised.</param>
public sealed record HeldNotice(string Template, IReadOnlyDictionary<string, string> Parameters, DateTimeOffset At);
