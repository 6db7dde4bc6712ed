using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>ProxyGranted</c>: an owner's written proxy mandate (Shanghai 住宅物业管理规定 art. 18), with
/// its evidence — either a scanned paper mandate (its SHA-256; the image is stored
/// content-addressed) registered by a named officer, or the owner's own passkey or device-key
/// signature over the mandate's challenge (<see cref="ProxyMandate.Challenge"/>), which anyone can
/// verify offline against the owner's enrolled credential. Exactly one of the two.
/// </summary>
/// <param name="Compound">The compound id (equals the mandate's).</param>
/// <param name="At">When the mandate was registered; proxy ballots before this instant do not rely on it.</param>
/// <param name="Actor">Who registered it: <c>officer:&lt;id&gt;</c> or <c>owner:&lt;hash&gt;</c>.</param>
/// <param name="Mandate">The mandate.</param>
/// <param name="Scan">The scanned paper mandate's SHA-256, 64 lowercase hex digits, or null.</param>
/// <param name="Officer">The officer who checked the paper mandate and registered it (with <paramref name="Scan"/>), or null.</param>
/// <param name="Assertion">The owner's signature over the mandate's challenge, or null.</param>
public sealed record ProxyGranted(
    string Compound,
    DateTimeOffset At,
    string Actor,
    ProxyMandate Mandate,
    string? Scan,
    string? Officer,
    WebAuthnAssertion? Assertion)
    : LedgerEvent(Compound, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(ProxyGranted);

    /// <summary>The mandate's id (<see cref="ProxyMandate.Id"/>).</summary>
    public string MandateId => Mandate.Id;

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        JsonObject evidence = Assertion is { } a
            ? new JsonObject { ["assertion"] = EventRules.Assertion(a) }
            : new JsonObject { ["scan"] = Scan, ["officer"] = Officer };
        return new JsonObject
        {
            ["mandate"] = Mandate.ToJson(),
            ["evidence"] = evidence,
        };
    }

    internal static ProxyGranted Read(EventHeader header, StrictJsonObject payload)
    {
        ProxyMandate mandate = ProxyMandate.Read(payload.Object("mandate"));
        StrictJsonObject evidence = payload.Object("evidence");
        ProxyGranted granted;
        if (evidence.Has("assertion"))
        {
            granted = new ProxyGranted(header.Compound, header.At, header.Actor, mandate, null, null, EventRules.ReadAssertion(evidence.Object("assertion")));
        }
        else
        {
            granted = new ProxyGranted(header.Compound, header.At, header.Actor, mandate, evidence.Sha256Hex("scan"), evidence.NonEmptyString("officer"), null);
        }

        evidence.End();
        granted.Validate(EventRules.OnDecode(payload.Path));
        return granted;
    }

    private void Validate(Func<string, Exception> fail)
    {
        if (Mandate.Compound != Compound)
        {
            throw fail($"the mandate is for compound {Mandate.Compound}, the event for {Compound}.");
        }

        bool scanned = Scan is not null || Officer is not null;
        if (scanned == (Assertion is not null))
        {
            throw fail("the evidence is either a scan with its officer or the owner's signature, exactly one.");
        }

        if (scanned)
        {
            if (!OwnerKey.IsHash(Scan))
            {
                throw fail("scan is the paper mandate's SHA-256, 64 lowercase hex digits.");
            }

            EventRules.Officer(Officer, "officer", fail);
        }
        else
        {
            EventRules.AssertionFields(Assertion!, fail);
        }
    }
}
