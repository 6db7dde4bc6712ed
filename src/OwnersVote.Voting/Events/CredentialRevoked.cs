using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary><c>CredentialRevoked</c>: a credential may no longer sign ballots (lost phone, sold unit).</summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When; ballots cast at or after this instant with the credential are refused.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Owner">The owner's keyed hash.</param>
/// <param name="CredentialId">The revoked credential's id.</param>
/// <param name="Officers">The officers who confirmed, sorted, at least two.</param>
/// <param name="Reason">Why, in a few words (no personal data).</param>
public sealed record CredentialRevoked(
    string Compound,
    DateTimeOffset At,
    string Actor,
    string Owner,
    ReadOnlyMemory<byte> CredentialId,
    IReadOnlyList<string> Officers,
    string Reason)
    : LedgerEvent(Compound, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(CredentialRevoked);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject
        {
            ["owner"] = Owner,
            ["credential"] = Base64UrlText.Encode(CredentialId.Span),
            ["officers"] = EventRules.Strings(Officers),
            ["reason"] = Reason,
        };
    }

    internal static CredentialRevoked Read(EventHeader header, StrictJsonObject payload)
    {
        var revoked = new CredentialRevoked(
            header.Compound,
            header.At,
            header.Actor,
            payload.String("owner"),
            payload.Base64Url("credential"),
            payload.StringArray("officers"),
            payload.NonEmptyString("reason"));
        revoked.Validate(EventRules.OnDecode(payload.Path));
        return revoked;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.OwnerHash(Owner, "owner", fail);
        EventRules.NonEmpty(Reason, "reason", fail);
        if (CredentialId.Length is 0 or > 1023)
        {
            throw fail("a credential id is 1 to 1023 bytes.");
        }

        EventRules.TwoOfficers(Officers, fail);
    }
}
