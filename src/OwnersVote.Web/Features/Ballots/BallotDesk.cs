using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Ledger;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Features.Votes;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>One question of a matter as the ballot page shows it.</summary>
/// <param name="Id">The question id the ballot answers, e.g. <c>q1</c>.</param>
/// <param name="Text">The question as owners read it.</param>
public sealed record BallotQuestion(string Id, string Text);

/// <summary>A unit the ballot covers, as the owner sees it.</summary>
/// <param name="Id">The unit number, e.g. <c>57-101</c>.</param>
/// <param name="Building">Its building.</param>
/// <param name="AreaHundredths">Its exclusive area in 0.01 m².</param>
public sealed record BallotUnit(string Id, string Building, long AreaHundredths);

/// <summary>
/// Everything the ballot steps need about one owner and one vote: the matter, the principal whose
/// one ballot this is (JI art. 9), the units it covers, the questions and answers offered, the
/// ballot that counts now (if any) and the owner's passkeys; <see cref="Proxy"/> is the mandate
/// when a proxy votes for the owner (Shanghai art. 18).
/// </summary>
public sealed record BallotContext(
    VoteDetail Vote,
    string CompoundId,
    string RpId,
    string Principal,
    IReadOnlyList<BallotUnit> Units,
    IReadOnlyList<BallotQuestion> Questions,
    IReadOnlyList<Choice> Options,
    bool AllowChange,
    BallotRow? Counted,
    IReadOnlyList<string> Credentials,
    string Handwriting = "off",
    string? Proxy = null)
{
    /// <summary>The total area the ballot carries, in 0.01 m².</summary>
    public long AreaHundredths => Units.Sum(u => u.AreaHundredths);
}

/// <summary>Why a ballot step was refused; <see cref="BallotRefused.Code"/> is the API's <c>detail</c>.</summary>
public enum BallotRefusal
{
    /// <summary><c>no-such-vote</c>.</summary>
    NoSuchVote,

    /// <summary><c>not-in-scope</c>: none of the owner's units is in the vote's scope (Shanghai art. 69).</summary>
    NotInScope,

    /// <summary><c>not-yet-open</c>.</summary>
    NotYetOpen,

    /// <summary><c>closed</c>.</summary>
    Closed,

    /// <summary><c>already-voted</c>: the vote does not allow changing a ballot.</summary>
    AlreadyVoted,

    /// <summary><c>no-passkey</c>: the owner has no passkey that may sign yet.</summary>
    NoPasskey,

    /// <summary><c>bad-answers</c>: not exactly one offered answer per question.</summary>
    BadAnswers,

    /// <summary><c>handwriting-required</c>: the vote requires a handwritten signature and none (or not a PNG) was sent.</summary>
    HandwritingRequired,

    /// <summary><c>busy</c>: too many ballots are waiting for signatures.</summary>
    Busy,

    /// <summary><c>unknown-ballot</c>: the prepared ballot is unknown, used or expired.</summary>
    UnknownBallot,

    /// <summary><c>passkey-not-enrolled</c>: the signing credential is not one of the owner's active passkeys.</summary>
    PasskeyNotEnrolled,

    /// <summary>The signature was refused; the assertion verifier's code says why.</summary>
    BadSignature,

    /// <summary>
    /// <c>too-many-units</c>: the principal holds more units than one ballot entry can name
    /// (<see cref="BallotUnits"/>); refused before anything is signed or logged.
    /// </summary>
    TooManyUnits,
}

/// <summary>A refusal with the verifier's code when the signature was at fault.</summary>
public sealed record BallotRefused(BallotRefusal Reason, string? SignatureCode = null)
{
    /// <summary>The machine-readable code.</summary>
    public string Code => Reason switch
    {
        BallotRefusal.NoSuchVote => "no-such-vote",
        BallotRefusal.NotInScope => "not-in-scope",
        BallotRefusal.NotYetOpen => "not-yet-open",
        BallotRefusal.Closed => "closed",
        BallotRefusal.AlreadyVoted => "already-voted",
        BallotRefusal.NoPasskey => "no-passkey",
        BallotRefusal.BadAnswers => "bad-answers",
        BallotRefusal.Busy => "busy",
        BallotRefusal.HandwritingRequired => "handwriting-required",
        BallotRefusal.UnknownBallot => "unknown-ballot",
        BallotRefusal.PasskeyNotEnrolled => "passkey-not-enrolled",
        BallotRefusal.BadSignature => SignatureCode ?? "bad-signature",
        BallotRefusal.TooManyUnits => "too-many-units",
        _ => throw new ArgumentOutOfRangeException(nameof(Reason), Reason, "Not a refusal."),
    };
}

/// <summary>A ballot prepared for the passkey: the handle to send back, the ballot and its challenge.</summary>
public sealed record PreparedBallot(string Handle, OwnerBallot Ballot, byte[] Challenge, string RpId, IReadOnlyList<string> Credentials);

/// <summary>A ballot that is in the log: where, and whether it counts.</summary>
/// <param name="Index">Its log entry index.</param>
/// <param name="LeafHash">RFC 9162 leaf hash of the entry.</param>
/// <param name="BallotId">The ballot's id (its challenge, hex).</param>
/// <param name="Counts">Whether it is the principal's counted ballot now.</param>
/// <param name="Rejection">Why the count does not take it, or null.</param>
/// <param name="Entry">The logged entry's bytes (EventCodec, RFC 8785), for its receipt, or null.</param>
/// <param name="Compound">The compound whose witnesses its receipt needs, or null to read it from the entry.</param>
public sealed record CastBallot(long Index, Hash LeafHash, string BallotId, bool Counts, string? Rejection, byte[]? Entry = null, string? Compound = null);

/// <summary>
/// Steps ②–④ of the owner flow (issue 4, DESIGN.md "Ballot signing"): which ballot an owner may
/// cast in a vote, preparing the exact ballot the passkey signs, and verifying the signature before
/// the ballot is appended to the log as <c>BallotCast</c>. The tables only decide what to offer;
/// what counts is decided by the projection from the log, with the checks of <see cref="VoteReplay"/>.
/// </summary>
public sealed class BallotDesk(Lazy<OwnersVoteDb> db, BallotQueries queries, VoteFactsCache factsCache, BallotReadCache reads, CoseKeyCache keys, BallotSessions sessions, EventLog log, TimeProvider time)
{
    /// <summary>The ballot context for a signed-in owner, or why there is none.</summary>
    public async Task<(BallotContext? Context, BallotRefused? Refused)> OpenAsync(OwnerSession session, string vote, CancellationToken cancellationToken)
    {
        (BallotContext? context, BallotRefused? refused, _, _) = await OpenAsync(session, vote, withCounted: true, cancellationToken);
        return (context, refused);
    }

    // Issue 10: the scope, roll and compound come from memory (VoteFactsCache keeps only what no
    // later entry changes); the matter (closing, tally, lifecycle) and the owner's credentials
    // from BallotReadCache on a single node (retired whenever the projector commits anything but
    // online ballots), from the shared tables on a cluster node. The counted ballot is read each
    // time, and only where a refusal or page needs it.
    private async Task<(BallotContext? Context, BallotRefused? Refused, IReadOnlyList<CredentialRow> Credentials, VoteFacts? Facts)> OpenAsync(
        OwnerSession session, string vote, bool withCounted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        MatterRow? matter = await reads.MatterAsync(vote, () => queries.Matter(db.Value, vote, cancellationToken));
        if (matter is null || matter.CompoundId != session.CompoundId)
        {
            return (null, new BallotRefused(BallotRefusal.NoSuchVote), [], null);
        }

        VoteFacts facts = factsCache.TryGet(matter.Id, out VoteFacts? kept) ? kept : await factsCache.GetAsync(db.Value, matter, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        VoteDetail detail = VoteQueries.Detail(matter, facts.Scope, now);

        // Shanghai art. 69: only the owners of the buildings in scope decide; the roll frozen for
        // this vote says which units are the owner's.
        HashSet<string> scope = [.. facts.Scope];
        List<UnitRow> mine = [.. facts.ByOwner[session.OwnerHash ?? ""].Where(u => scope.Count == 0 || scope.Contains(u.BuildingId))];
        string? mandate = null;
        if (mine.Count == 0)
        {
            // Shanghai art. 18: a proxy votes for the owner who mandated them (Features/Proxies).
            (mine, mandate) = await Proxies.ProxyDesk.ProxiedUnitsAsync(db.Value, session, vote, scope, now, cancellationToken);
        }

        if (mine.Count == 0)
        {
            return (null, new BallotRefused(BallotRefusal.NotInScope), [], facts);
        }

        // JI art. 9: one ballot per principal, covering all of the principal's units in scope.
        string principal = mine.Select(u => u.OwnerId).Order(StringComparer.Ordinal).First();
        BallotUnit[] covered = [.. facts.ByPrincipal[principal]
            .Where(u => scope.Count == 0 || scope.Contains(u.BuildingId))
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new BallotUnit(u.Id, u.BuildingId, u.AreaHundredths))];

        // One ballot names all of them, in one log entry (c2sp.org/tlog-tiles: at most 65,535 bytes).
        if (!BallotUnits.FitOneEntry(covered.Select(u => u.Id)))
        {
            return (null, new BallotRefused(BallotRefusal.TooManyUnits), [], facts);
        }

        // Casting needs the counted ballot only to refuse a change the vote does not allow.
        BallotRow? counted = withCounted || !matter.AllowChange
            ? await queries.Counted(db.Value, vote, principal, cancellationToken)
            : null;
        CompoundRow compound = facts.Compound;
        IReadOnlyList<CredentialRow> credentials = await reads.CredentialsAsync(
            session.CompoundId, session.OwnerHash ?? "", async () => await queries.Credentials(db.Value, session.CompoundId, session.OwnerHash).ToListAsync(cancellationToken));

        var context = new BallotContext(
            detail,
            compound.Id,
            compound.RpId,
            principal,
            covered,
            QuestionsOf(matter),
            [.. matter.Options.Split('\n').Select(BallotCsv.ParseChoice)],
            matter.AllowChange,
            counted,
            [.. credentials.Where(c => c.ActiveFrom <= now).Select(c => c.Id).Order(StringComparer.Ordinal)],
            matter.Handwriting,
            mandate);
        return (context, Refusal(context, now), credentials, facts);
    }

    /// <summary>
    /// Prepares the ballot for <paramref name="answers"/> (question id → <c>yes</c>/<c>no</c>/<c>abstain</c>)
    /// with a fresh nonce and holds it for the passkey signature.
    /// </summary>
    /// <remarks>
    /// Issue 11: where the vote takes a handwritten signature, its PNG is stored under its hash and
    /// the hash becomes the ballot's <c>handwriting</c> member, so the owner's signature covers it.
    /// </remarks>
    public async Task<(PreparedBallot? Prepared, BallotRefused? Refused)> PrepareAsync(
        OwnerSession session, string vote, IReadOnlyDictionary<string, string> answers, byte[]? handwriting, HandwritingStore images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(answers);
        (BallotContext? context, BallotRefused? refused) = await OpenAsync(session, vote, cancellationToken);
        if (context is null || refused is not null)
        {
            return (null, refused);
        }

        if (context.Credentials.Count == 0)
        {
            return (null, new BallotRefused(BallotRefusal.NoPasskey));
        }

        if (ReadAnswers(context, answers) is not { } parsed)
        {
            return (null, new BallotRefused(BallotRefusal.BadAnswers));
        }

        bool wanted = context.Handwriting != "off" && handwriting is { Length: > 0 };
        if ((context.Handwriting == "required" && !wanted) || (wanted && !HandwritingStore.IsPng(handwriting)))
        {
            return (null, new BallotRefused(BallotRefusal.HandwritingRequired));
        }

        string? imageHash = wanted ? await images.PutAsync(handwriting!, cancellationToken) : null;
        var ballot = new OwnerBallot(
            context.CompoundId,
            vote,
            context.Principal,
            [.. context.Units.Select(u => u.Id)],
            parsed,
            BallotSessions.NewNonce(),
            EventTime.Truncate(time.GetUtcNow()),
            imageHash);
        if (await sessions.HoldAsync(ballot, session.OwnerHash!, cancellationToken) is not { } handle)
        {
            return (null, new BallotRefused(BallotRefusal.Busy));
        }

        return (new PreparedBallot(handle, ballot, BallotChallenge.Compute(ballot), context.RpId, context.Credentials), null);
    }

    /// <summary>
    /// Verifies the passkey's assertion over the prepared ballot's challenge against the owner's
    /// enrolled public key and appends <c>BallotCast</c>; returns once the entry is durable.
    /// </summary>
    public async Task<(CastBallot? Cast, BallotRefused? Refused)> CastAsync(
        OwnerSession session, string vote, string? handle, WebAuthnAssertion assertion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(assertion);
        PendingBallot? pending = await sessions.TakeAsync(handle, session.OwnerHash!, cancellationToken);
        if (pending is null || pending.Ballot.Vote != vote)
        {
            return (null, new BallotRefused(BallotRefusal.UnknownBallot));
        }

        (BallotContext? context, BallotRefused? refused, IReadOnlyList<CredentialRow> credentials, VoteFacts? facts) = await OpenAsync(session, vote, withCounted: false, cancellationToken);
        if (context is null || refused is not null || facts is null)
        {
            return (null, refused);
        }

        // The owner's credentials, not revoked, as OpenAsync read them just now.
        string credentialId = Base64UrlText.Encode(assertion.CredentialId.Span);
        CredentialRow? credential = credentials.FirstOrDefault(c => c.Id == credentialId);
        if (credential is null || !context.Credentials.Contains(credentialId, StringComparer.Ordinal))
        {
            return (null, new BallotRefused(BallotRefusal.PasskeyNotEnrolled));
        }

        CompoundRow compound = facts.Compound;
        // Electronic Signature Law art. 13: user verification is required for a ballot signature.
        var relyingParty = new RelyingParty(compound.RpId, compound.Origins.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), RequireUserVerification: true);
        var stored = new StoredCredential(assertion.CredentialId, keys.Get(credential.PublicKey), checked((uint)credential.SignCount));
        // WebAuthn §7.2: the assertion must be over this ballot's challenge, from this origin, by this key.
        // Issue 11: the rule is the credential's kind as enrolled (passkey: WebAuthn; device key: WebCrypto P1363).
        AssertionResult verdict = BallotSignatureVerifier.Verify(Projections.Projector.ParseKind(credential.Kind), assertion, pending.Challenge, stored, relyingParty);
        if (verdict is AssertionResult.Rejected rejected)
        {
            return (null, new BallotRefused(BallotRefusal.BadSignature, rejected.Code));
        }

        var cast = new BallotCast(context.CompoundId, vote, EventTime.Truncate(time.GetUtcNow()), "owner:" + session.OwnerHash, pending.Ballot, assertion);
        ProjectedAppend appended;
        try
        {
            appended = await log.AppendProjectedAsync(cast, cancellationToken);
        }
        catch (EntryTooLargeException)
        {
            // Units that fit beside an assertion whose client data is far larger than a browser's.
            return (null, new BallotRefused(BallotRefusal.TooManyUnits));
        }

        // The projection applied the entry with VoteReplay's checks before the append returned;
        // a cluster node, whose sequencer projected it, reads the row back.
        ProjectedBallot decided = appended.Ballot ?? await ProjectedAtAsync(appended.Appended.Index, cancellationToken);
        return (new CastBallot(appended.Appended.Index, appended.Appended.LeafHash, cast.BallotId, decided.Counts, decided.Rejection, appended.Entry, context.CompoundId), null);
    }

    private async Task<ProjectedBallot> ProjectedAtAsync(long index, CancellationToken cancellationToken)
    {
        BallotRow row = await queries.BallotAt(db.Value, index, cancellationToken);
        return new ProjectedBallot(row.Counts, row.Rejection);
    }

    private static BallotRefused? Refusal(BallotContext context, DateTimeOffset now) => context.Vote switch
    {
        { ClosedAt: not null } => new BallotRefused(BallotRefusal.Closed),
        _ when now >= context.Vote.Summary.ClosesAt => new BallotRefused(BallotRefusal.Closed),
        _ when now < context.Vote.Summary.OpensAt => new BallotRefused(BallotRefusal.NotYetOpen),
        // DESIGN.md "Ballot signing": a later ballot replaces the earlier one only where the vote allows it.
        _ when context.Counted is not null && !context.AllowChange => new BallotRefused(BallotRefusal.AlreadyVoted),
        _ => null,
    };

    private static BallotAnswer[]? ReadAnswers(BallotContext context, IReadOnlyDictionary<string, string> answers)
    {
        if (answers.Count != context.Questions.Count)
        {
            return null;
        }

        var parsed = new List<BallotAnswer>();
        foreach (BallotQuestion question in context.Questions)
        {
            if (!answers.TryGetValue(question.Id, out string? text)
                || OwnerBallot.ParseChoice(text) is not { } choice
                || !context.Options.Contains(choice))
            {
                return null;
            }

            parsed.Add(new BallotAnswer(question.Id, choice));
        }

        return [.. parsed.OrderBy(a => a.Question, StringComparer.Ordinal)];
    }

    private static BallotQuestion[] QuestionsOf(MatterRow matter)
    {
        string[] ids = matter.Questions.Split('\n');
        string[] texts = JsonSerializer.Deserialize<string[]>(matter.QuestionTexts) ?? [];
        return [.. ids.Select((id, i) => new BallotQuestion(id, i < texts.Length ? texts[i] : matter.Title))];
    }
}
