using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>CredentialEnrolled</c>: an owner's passkey (or a compound device key) is bound to the owner
/// after two officers checked identity and ownership. Ballots signed by it count from
/// <paramref name="ActiveFrom"/>, the end of the cooling-off period, and the owner was notified.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Owner">The owner's keyed hash (<see cref="OwnerKey.Hash"/>).</param>
/// <param name="CredentialId">The WebAuthn credential id (base64url on the wire).</param>
/// <param name="PublicKey">The credential public key (COSE_Key, base64url on the wire).</param>
/// <param name="Kind">Passkey or device key.</param>
/// <param name="Officers">The two (or more) officers who confirmed, sorted.</param>
/// <param name="ActiveFrom">When the credential may first sign a ballot (after cooling-off).</param>
/// <param name="OwnerNotified">Whether the owner was notified of the enrolment.</param>
public sealed record CredentialEnrolled(
    string Compound,
    DateTimeOffset At,
    string Actor,
    string Owner,
    ReadOnlyMemory<byte> CredentialId,
    CoseKey PublicKey,
    CredentialKind Kind,
    IReadOnlyList<string> Officers,
    DateTimeOffset ActiveFrom,
    bool OwnerNotified)
    : LedgerEvent(Compound, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(CredentialEnrolled);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject
        {
            ["owner"] = Owner,
            ["credential"] = Base64UrlText.Encode(CredentialId.Span),
            ["publicKey"] = Base64UrlText.Encode(PublicKey.Encoded.Span),
            ["kind"] = WireNames.Of(Kind),
            ["officers"] = EventRules.Strings(Officers),
            ["activeFrom"] = EventTime.ToText(ActiveFrom),
            ["ownerNotified"] = OwnerNotified,
        };
    }

    internal static CredentialEnrolled Read(EventHeader header, StrictJsonObject payload)
    {
        string owner = payload.String("owner");
        byte[] credentialId = payload.Base64Url("credential");
        byte[] publicKey = payload.Base64Url("publicKey");
        if (!CoseKey.TryParse(publicKey, out CoseKey? key))
        {
            throw new EventFormatException($"{payload.Path}.publicKey: not a supported COSE_Key (ES256, RS256 or Ed25519).");
        }

        var enrolled = new CredentialEnrolled(
            header.Compound,
            header.At,
            header.Actor,
            owner,
            credentialId,
            key!,
            payload.Enum("kind", WireNames.ParseCredentialKind),
            payload.StringArray("officers"),
            payload.Time("activeFrom"),
            payload.Boolean("ownerNotified"));
        enrolled.Validate(EventRules.OnDecode(payload.Path));
        return enrolled;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.OwnerHash(Owner, "owner", fail);
        if (CredentialId.Length is 0 or > 1023)
        {
            // WebAuthn §6.5.1: credential ids are 1 to 1023 bytes.
            throw fail("a credential id is 1 to 1023 bytes.");
        }

        EventRules.TwoOfficers(Officers, fail);
        if (ActiveFrom < At)
        {
            throw fail("activeFrom cannot be before the enrolment.");
        }
    }
}
