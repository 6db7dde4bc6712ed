using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>ProxyRevoked</c>: the owner withdraws a proxy mandate (Civil Code art. 173: agency ends when
/// the principal withdraws it). It takes effect at <paramref name="At"/>: a proxy ballot cast before
/// stands, one cast at or after is refused (<c>proxy-revoked</c>).
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When the revocation takes effect.</param>
/// <param name="Actor">Who recorded it: <c>owner:&lt;hash&gt;</c> online, or the officer.</param>
/// <param name="Mandate">The revoked mandate's id (<see cref="Signing.ProxyMandate.Id"/>), 64 lowercase hex digits.</param>
/// <param name="Owner">The mandating owner's keyed hash; must be the mandate's owner.</param>
/// <param name="Officer">The officer who recorded a revocation handed in at the desk, or null when the owner revoked online.</param>
public sealed record ProxyRevoked(string Compound, DateTimeOffset At, string Actor, string Mandate, string Owner, string? Officer)
    : LedgerEvent(Compound, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(ProxyRevoked);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        var payload = new JsonObject { ["mandate"] = Mandate, ["owner"] = Owner };
        if (Officer is not null)
        {
            payload["officer"] = Officer;
        }

        return payload;
    }

    internal static ProxyRevoked Read(EventHeader header, StrictJsonObject payload)
    {
        var revoked = new ProxyRevoked(
            header.Compound,
            header.At,
            header.Actor,
            payload.Sha256Hex("mandate"),
            payload.String("owner"),
            payload.Has("officer") ? payload.NonEmptyString("officer") : null);
        revoked.Validate(EventRules.OnDecode(payload.Path));
        return revoked;
    }

    private void Validate(Func<string, Exception> fail)
    {
        if (!OwnerKey.IsHash(Mandate))
        {
            throw fail("mandate is the mandate's id, 64 lowercase hex digits.");
        }

        EventRules.OwnerHash(Owner, "owner", fail);
        if (Officer is not null)
        {
            EventRules.Officer(Officer, "officer", fail);
        }
    }
}
