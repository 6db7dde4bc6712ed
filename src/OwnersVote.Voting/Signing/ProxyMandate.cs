using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OwnersVote.Voting.Events;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// A written proxy mandate (Shanghai 住宅物业管理规定 art. 18: an owner may mandate another person
/// in writing to vote for them), as the log records it: who mandates whom, and for what — one vote,
/// or every vote that takes ballots within a period. Its canonical JSON (RFC 8785) is what the
/// owner's passkey or device key signs when the mandate is given online, so the bytes are fixed:
/// <code>{"compound":"c1","issuedAt":"2025-03-01T08:30:00.000Z","nonce":"…","owner":"…","proxy":"…","v":1,"vote":"v1"}</code>
/// or, for a period, <c>"from"</c> and <c>"until"</c> in place of <c>"vote"</c>. A scanned paper
/// mandate is recorded with the same object, filled in by the officer from the paper.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Owner">The mandating owner's keyed hash (<see cref="OwnerKey.Hash"/>).</param>
/// <param name="Proxy">The proxy's keyed hash, made like an owner's from their ID number.</param>
/// <param name="Vote">The one vote the mandate is for, or null for a period.</param>
/// <param name="From">Start of the period (inclusive), or null for one vote.</param>
/// <param name="Until">End of the period (exclusive), or null for one vote.</param>
/// <param name="Nonce">A fresh random nonce, unpadded base64url of at least 16 bytes: two mandates never share an id.</param>
/// <param name="IssuedAt">When the mandate was drawn up (whole milliseconds, UTC).</param>
public sealed record ProxyMandate(
    string Compound,
    string Owner,
    string Proxy,
    string? Vote,
    DateTimeOffset? From,
    DateTimeOffset? Until,
    string Nonce,
    DateTimeOffset IssuedAt)
{
    /// <summary>The mandate schema version, the <c>v</c> field.</summary>
    public const int Version = 1;

    /// <summary>The challenge prefix, ASCII "OV-PROXY-v1" and one 0x00 byte: no ballot or other message of ours hashes to a mandate's challenge.</summary>
    public static ReadOnlySpan<byte> ChallengePrefix => "OV-PROXY-v1\0"u8;

    /// <summary>The mandate's id: its challenge in lowercase hex, which <see cref="ProxyRevoked"/> and proxy ballots refer to.</summary>
    public string Id => Convert.ToHexStringLower(Challenge());

    /// <summary>
    /// The 32-byte WebAuthn challenge the owner signs: SHA-256("OV-PROXY-v1\0" ‖ JCS(mandate)), in
    /// the style of <see cref="BallotChallenge"/>.
    /// </summary>
    public byte[] Challenge()
    {
        byte[] canonical = Jcs.Canonicalize(ToJson());
        byte[] message = new byte[ChallengePrefix.Length + canonical.Length];
        ChallengePrefix.CopyTo(message);
        canonical.CopyTo(message.AsSpan(ChallengePrefix.Length));
        return SHA256.HashData(message);
    }

    /// <summary>Whether the mandate covers a ballot in <paramref name="vote"/> cast at <paramref name="at"/>.</summary>
    public bool Covers(string vote, DateTimeOffset at) =>
        Vote is not null ? string.Equals(Vote, vote, StringComparison.Ordinal) : From <= at && at < Until;

    /// <summary>The mandate as a JSON object.</summary>
    /// <exception cref="ArgumentException">A field breaks the rules above.</exception>
    public JsonObject ToJson()
    {
        Validate(message => new ArgumentException($"Invalid proxy mandate: {message}"));
        var json = new JsonObject
        {
            ["v"] = Version,
            ["compound"] = Compound,
            ["owner"] = Owner,
            ["proxy"] = Proxy,
            ["nonce"] = Nonce,
            ["issuedAt"] = EventTime.ToText(IssuedAt),
        };
        if (Vote is not null)
        {
            json["vote"] = Vote;
        }
        else
        {
            json["from"] = EventTime.ToText(From!.Value);
            json["until"] = EventTime.ToText(Until!.Value);
        }

        return json;
    }

    /// <summary>Reads a mandate strictly: every field present and typed, a vote or a period, nothing else.</summary>
    /// <exception cref="EventFormatException">The JSON is not a valid mandate of version 1.</exception>
    public static ProxyMandate FromJson(JsonNode? node, string path = "$") => Read(StrictJsonObject.From(node, path));

    internal static ProxyMandate Read(StrictJsonObject obj)
    {
        long v = obj.Integer("v");
        if (v != Version)
        {
            throw new EventFormatException($"{obj.Path}.v: mandate version {v} is not supported (this software reads version {Version}).");
        }

        bool forVote = obj.Has("vote");
        var mandate = new ProxyMandate(
            obj.NonEmptyString("compound"),
            obj.String("owner"),
            obj.String("proxy"),
            forVote ? obj.NonEmptyString("vote") : null,
            forVote ? null : obj.Time("from"),
            forVote ? null : obj.Time("until"),
            obj.String("nonce"),
            obj.Time("issuedAt"));
        obj.End();
        mandate.Validate(message => new EventFormatException($"{obj.Path}: {message}"));
        return mandate;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.NonEmpty(Compound, "compound", fail);
        EventRules.OwnerHash(Owner, "owner", fail);
        EventRules.OwnerHash(Proxy, "proxy", fail);
        if (Owner == Proxy)
        {
            throw fail("an owner cannot be their own proxy.");
        }

        bool oneVote = Vote is not null && From is null && Until is null;
        bool period = Vote is null && From is not null && Until is not null;
        if (!oneVote && !period)
        {
            throw fail("a mandate is for one vote or for a period (from and until), not both and not neither.");
        }

        if (Vote is { Length: 0 })
        {
            throw fail("vote must not be empty.");
        }

        if (From is { } from && Until is { } until && from >= until)
        {
            throw fail("the period's from must be before its until.");
        }

        if (!Base64UrlText.TryDecode(Nonce, out byte[] nonce) || nonce.Length < 16)
        {
            throw fail("nonce must be unpadded base64url of at least 16 bytes.");
        }
    }
}
