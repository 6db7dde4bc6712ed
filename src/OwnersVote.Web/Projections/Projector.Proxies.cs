using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Projections;

/// <summary>
/// Proxies (Shanghai art. 18) and custodial ballots, projected with the checks and codes of
/// <see cref="VoteReplay"/> (docs/proxies.md).
/// </summary>
public sealed partial class Projector
{
    /// <summary>The stored channel of a custodial ballot (entered at the desk by two officers).</summary>
    public const string Custodial = "custodial";

    // What the proxy rule says about a ballot: the mandate it was cast under and the owner it is
    // for, or why the mandate fails; all null for an owner's own ballot.
    private sealed record ProxyCheck(string? Mandate, string? Owner, string? Problem);

    private static readonly ProxyCheck s_ownBallot = new(null, null, null);

    private async Task GrantProxyAsync(ProxyGranted e, CancellationToken cancellationToken)
    {
        await RequireCompoundAsync(e.Compound, cancellationToken);
        string id = e.MandateId;
        if (await db.Proxies.FindAsync([id], cancellationToken) is not null)
        {
            throw new ProjectionException($"Proxy mandate {id} is granted twice.");
        }

        ProxyMandate m = e.Mandate;
        db.Proxies.Add(new ProxyRow
        {
            Id = id,
            CompoundId = e.Compound,
            OwnerHash = m.Owner,
            ProxyHash = m.Proxy,
            VoteId = m.Vote,
            From = m.From,
            Until = m.Until,
            GrantedAt = e.At,
            Evidence = e.Assertion is null ? "scan" : "signature",
            Scan = e.Scan,
            Officer = e.Officer,
            Problem = e.Assertion is { } assertion ? await MandateProblemAsync(e, assertion, cancellationToken) : null,
        });
    }

    // VoteReplay.Grant: an online mandate is the owner's signature over its challenge, made with a
    // credential active at the time.
    private async Task<string?> MandateProblemAsync(ProxyGranted e, WebAuthnAssertion assertion, CancellationToken cancellationToken)
    {
        CredentialRow? credential = await db.Credentials.FindAsync([Base64UrlText.Encode(assertion.CredentialId.Span)], cancellationToken);
        if (credential is null || credential.CompoundId != e.Compound || credential.OwnerHash != e.Mandate.Owner)
        {
            return "mandate-unknown-credential";
        }

        if ((credential.RevokedAt is { } revokedAt && revokedAt <= e.At) || e.At < credential.ActiveFrom)
        {
            return "mandate-credential-not-active";
        }

        RelyingParty relyingParty = await RelyingPartyAsync(e.Compound, cancellationToken);
        var stored = new StoredCredential(Base64Url(credential.Id), _keys.Get(credential.PublicKey), checked((uint)credential.SignCount));
        if (BallotSignatureVerifier.Verify(ParseKind(credential.Kind), assertion, e.Mandate.Challenge(), stored, relyingParty) is not AssertionResult.Accepted accepted)
        {
            return "mandate-bad-signature";
        }

        // WebAuthn §7.2 step 22.
        credential.SignCount = accepted.SignCount;
        return null;
    }

    private async Task RevokeProxyAsync(ProxyRevoked e, CancellationToken cancellationToken)
    {
        ProxyRow mandate = await db.Proxies.FindAsync([e.Mandate], cancellationToken)
            ?? throw new ProjectionException($"Proxy mandate {e.Mandate} is revoked but was never granted.");
        if (mandate.OwnerHash != e.Owner || mandate.CompoundId != e.Compound)
        {
            throw new ProjectionException($"Proxy mandate {e.Mandate} is revoked by another owner than granted it.");
        }

        mandate.RevokedAt ??= e.At;
    }

    // VoteReplay's proxy rule: a signer who is not the roll's owner of the ballot's units needs a
    // mandate from that owner covering this vote at this instant, not revoked by then.
    private async Task<ProxyCheck> ProxyCheckAsync(BallotCast e, CredentialRow? credential, CancellationToken cancellationToken)
    {
        if (credential is null || await OwnerOtherThanSignerAsync(e, credential, cancellationToken) is not { } owner)
        {
            return s_ownBallot;
        }

        List<ProxyRow> held = await db.Proxies.AsNoTracking()
            .Where(p => p.CompoundId == e.Compound && p.OwnerHash == owner && p.ProxyHash == credential.OwnerHash)
            .ToListAsync(cancellationToken);
        if (held.Count == 0)
        {
            return s_ownBallot;
        }

        List<ProxyRow> covering = [.. held.Where(p => Covers(p, e.Vote, e.At) && p.GrantedAt <= e.At).OrderBy(p => p.GrantedAt)];
        if (covering.Count == 0)
        {
            return new ProxyCheck(null, null, "proxy-not-in-scope");
        }

        if (covering.FirstOrDefault(p => p.Problem is null && !(p.RevokedAt <= e.At)) is { } valid)
        {
            return new ProxyCheck(valid.Id, owner, null);
        }

        return new ProxyCheck(null, null, covering.FirstOrDefault(p => p.Problem is not null)?.Problem ?? "proxy-revoked");
    }

    // The roll's owner of the ballot's first unit when the signer is not that owner, the one case
    // a mandate may apply; null otherwise (issue 10: the owner from the run's roll).
    private async Task<string?> OwnerOtherThanSignerAsync(BallotCast e, CredentialRow credential, CancellationToken cancellationToken) =>
        (await RollOfAsync(e.Vote, cancellationToken)).ByUnit.TryGetValue(e.Ballot.Units[0], out UnitRow? first) && first.OwnerHash != credential.OwnerHash
            ? first.OwnerHash
            : null;

    /// <summary>Whether a mandate covers a ballot of <paramref name="vote"/> at <paramref name="at"/> (ProxyMandate.Covers).</summary>
    public static bool Covers(ProxyRow mandate, string vote, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        return mandate.VoteId is not null ? mandate.VoteId == vote : mandate.From <= at && at < mandate.Until;
    }

    // Civil Code art. 173, as VoteReplay: once the owner voted in person, a proxy's ballot is set aside.
    // The run's unsaved ballots count too (PrincipalBallotsAsync).
    private async Task<string?> InPersonProblemAsync(string vote, string principal, string? mandate, CancellationToken cancellationToken) =>
        mandate is not null && (await PrincipalBallotsAsync(vote, principal, cancellationToken)).Exists(b => b.Rejection == null && b.Proxy == null && b.Channel != Paper)
            ? "owner-voted-in-person"
            : null;

    private async Task CastCustodialAsync(CustodialBallotCast e, long index, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
        string id = e.BallotId;
        string? rejection = await CheckCustodialAsync(e, id, matter, cancellationToken);
        BallotAnswer? answer = e.Answers.FirstOrDefault(a => a.Question == matter.Question);
        AddBallot(new BallotRow
        {
            BallotId = id,
            MatterId = e.Vote,
            OwnerId = e.Principal,
            Choice = BallotCsv.FormatChoice(answer?.Choice ?? Choice.Invalid),
            Answers = ChoicesByQuestion(matter, e.Answers),
            Channel = Custodial,
            CastAt = e.At,
            LogIndex = index,
            Rejection = rejection,
        });
        await SaveAsync(cancellationToken);
        if (rejection is null)
        {
            await RecountPrincipalAsync(matter, e.Principal, cancellationToken);
        }
    }

    // VoteReplay's custodial checks, in its order and with its codes.
    private async Task<string?> CheckCustodialAsync(CustodialBallotCast e, string id, MatterRow matter, CancellationToken cancellationToken)
    {
        if (await db.Ballots.AnyAsync(b => b.MatterId == e.Vote && b.BallotId == id, cancellationToken))
        {
            return "duplicate-ballot";
        }

        if (matter.ClosedAt is not null)
        {
            return "after-close";
        }

        if (e.At < matter.OpensAt || e.At >= matter.ClosesAt)
        {
            return "outside-voting-period";
        }

        if (await RollProblemAsync(e.Vote, e.Principal, e.Units, e.Owner, cancellationToken) is { } rollProblem)
        {
            return rollProblem;
        }

        return AnswersMatch(matter, e.Answers, allowInvalid: false) ? null : "answers-mismatch";
    }
}
