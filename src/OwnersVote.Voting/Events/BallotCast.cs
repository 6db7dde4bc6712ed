using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>BallotCast</c>: an owner's signed ballot — the canonical ballot object and the WebAuthn
/// assertion over its challenge (<see cref="BallotChallenge"/>), kept whole so anyone can verify it
/// offline against the enrolled public key (DESIGN.md "Ballot signing").
/// </summary>
/// <param name="Compound">The compound id (equals the ballot's).</param>
/// <param name="Vote">The vote id (equals the ballot's).</param>
/// <param name="At">When the server received it.</param>
/// <param name="Actor">Who submitted it, normally <c>owner:&lt;hash&gt;</c>.</param>
/// <param name="Ballot">The signed ballot.</param>
/// <param name="Assertion">The assertion: authenticatorData, clientDataJSON, signature, credentialId (base64url on the wire).</param>
public sealed record BallotCast(string Compound, string Vote, DateTimeOffset At, string Actor, OwnerBallot Ballot, WebAuthnAssertion Assertion)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(BallotCast);

    // Issue 10: the id (a canonical JSON encoding and a SHA-256) was computed each time it was
    // read, five or six times per ballot on the server. Kept per ballot object, beside the record
    // so that record equality is untouched; an OwnerBallot does not change once made. The challenge
    // under it is kept too (BallotChallenge), so a ballot prepared by the server is hashed once.
    private static readonly ConditionalWeakTable<OwnerBallot, string> s_ids = [];

    /// <summary>The ballot's id: its challenge in lowercase hex, which <see cref="BallotSuperseded"/> refers to.</summary>
    public string BallotId => s_ids.GetValue(Ballot, static b => Convert.ToHexStringLower(BallotChallenge.Compute(b)));

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject
        {
            ["ballot"] = Ballot.ToJson(),
            ["assertion"] = new JsonObject
            {
                ["authenticatorData"] = Base64UrlText.Encode(Assertion.AuthenticatorData.Span),
                ["clientDataJSON"] = Base64UrlText.Encode(Assertion.ClientDataJson.Span),
                ["signature"] = Base64UrlText.Encode(Assertion.Signature.Span),
                ["credentialId"] = Base64UrlText.Encode(Assertion.CredentialId.Span),
            },
        };
    }

    internal static BallotCast Read(EventHeader header, StrictJsonObject payload)
    {
        OwnerBallot ballot = OwnerBallot.Read(payload.Object("ballot"));
        StrictJsonObject a = payload.Object("assertion");
        var assertion = new WebAuthnAssertion(a.Base64Url("credentialId"), a.Base64Url("authenticatorData"), a.Base64Url("clientDataJSON"), a.Base64Url("signature"));
        a.End();
        var cast = new BallotCast(header.Compound, header.Vote!, header.At, header.Actor, ballot, assertion);
        cast.Validate(EventRules.OnDecode(payload.Path));
        return cast;
    }

    private void Validate(Func<string, Exception> fail)
    {
        if (Ballot.Compound != Compound || Ballot.Vote != Vote)
        {
            throw fail($"the ballot is for {Ballot.Compound}/{Ballot.Vote}, the event for {Compound}/{Vote}.");
        }

        if (Assertion.CredentialId.IsEmpty || Assertion.AuthenticatorData.IsEmpty || Assertion.ClientDataJson.IsEmpty || Assertion.Signature.IsEmpty)
        {
            throw fail("every assertion field is present and non-empty.");
        }
    }
}
