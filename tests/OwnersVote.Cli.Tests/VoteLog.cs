using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Cli.Tests;

/// <summary>
/// A realistic compound log: 景城品雅苑 registered, owners' credentials enrolled (one a browser
/// device key, signing as WebCrypto does: docs/device-keys.md), the frozen roll of building 57 (and one unit of building 12, outside the lift
/// vote's scope), the lift matter, genuine WebAuthn-signed ballots from software authenticators
/// (one owner changes their vote), the close and the tally recomputed by <see cref="VoteReplay"/>;
/// then a second vote still open with one ballot.
/// </summary>
internal sealed class VoteLog : IDisposable
{
    public const string Compound = "jingcheng-pinyayuan";
    public const string Vote = "b57-lift-2025";
    public const string OpenVote = "b57-door-2025";
    public const string RpId = "vote.example.cn";
    public const string Origin = "https://vote.example.cn";

    private static readonly byte[] s_compoundKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly DateTimeOffset s_at = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    // Building 57: p1 owns two units (one head, JI art. 9); 12-0101 is outside the scope.
    private static readonly (string Unit, string Building, long Area, string Owner, string Principal)[] s_units =
    [
        ("12-0101", "12", 12_000, "F", "p6"),
        ("57-0101", "57", 9_000, "A", "p1"),
        ("57-0102", "57", 10_000, "A", "p1"),
        ("57-0201", "57", 8_500, "B", "p2"),
        ("57-0202", "57", 8_500, "C", "p3"),
        ("57-0301", "57", 9_500, "D", "p4"),
        ("57-0302", "57", 9_500, "E", "p5"),
    ];

    private readonly Dictionary<string, SoftwareAuthenticator> _authenticators = new(StringComparer.Ordinal);
    private int _nonce;

    public VoteLog()
    {
        foreach (string owner in s_units.Select(u => u.Owner).Distinct())
        {
            _authenticators[owner] = SoftwareAuthenticator.MakeCredential(RpId);
        }

        Events.Add(new CompoundRegistered(Compound, s_at, "admin:li", "景城品雅苑", "上海市闵行区马桥镇", RpId, [Origin], RequireUserVerification: true));
        foreach ((string owner, SoftwareAuthenticator authenticator) in _authenticators)
        {
            CredentialKind kind = owner == "E" ? CredentialKind.DeviceKey : CredentialKind.Passkey;
            Events.Add(new CredentialEnrolled(Compound, s_at, "officer:wang", OwnerHash(owner), authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey), kind, ["officer:wang", "officer:zhao"], s_at, OwnerNotified: true));
        }

        Open(Vote, closes: s_at.AddDays(7));
        Cast(Vote, "A", "p1", Choice.No, 1);
        Cast(Vote, "A", "p1", Choice.Yes, 2);
        Cast(Vote, "B", "p2", Choice.Yes, 3);
        Cast(Vote, "C", "p3", Choice.Yes, 4);
        Cast(Vote, "D", "p4", Choice.No, 5);
        Cast(Vote, "E", "p5", Choice.Yes, 6);
        Events.Add(new VoteClosed(Compound, Vote, s_at.AddDays(7), "system"));
        Published = VoteReplay.Replay(Events, Vote).ToTallyPublished(s_at.AddDays(7).AddMinutes(1), "committee:chen");
        Events.Add(Published);

        Open(OpenVote, closes: s_at.AddDays(30));
        Cast(OpenVote, "B", "p2", Choice.Yes, 10);
    }

    public List<LedgerEvent> Events { get; } = [];

    /// <summary>The tally published for <see cref="Vote"/>: 4 of 5 principals yes.</summary>
    public TallyPublished Published { get; }

    /// <summary>The entries as the log holds them.</summary>
    public List<byte[]> Entries() => [.. Events.Select(EventCodec.Encode)];

    /// <summary>The log index of the <paramref name="n"/>-th (0-based) ballot of <see cref="Vote"/>.</summary>
    public int BallotIndex(int n) => Events.Select((e, i) => (e, i)).Where(x => x.e is BallotCast b && b.Vote == Vote).Skip(n).First().i;

    public void Dispose()
    {
        foreach (SoftwareAuthenticator authenticator in _authenticators.Values)
        {
            authenticator.Dispose();
        }
    }

    // The device-key form (DeviceKeyVerifier): fixed authenticator data, client data of type
    // ov.device-key, an IEEE P1363 signature as crypto.subtle.sign returns it.
    private static WebAuthnAssertion DeviceKeyAssertion(SoftwareAuthenticator key, byte[] challenge)
    {
        byte[] clientData = System.Text.Encoding.UTF8.GetBytes($$"""{"type":"ov.device-key","challenge":"{{Base64UrlText.Encode(challenge)}}","origin":"{{Origin}}"}""");
        byte[] authData = DeviceKeyVerifier.AuthenticatorDataFor(RpId);
        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(key.ExportPkcs8PrivateKey(), out _);
        byte[] signature = ecdsa.SignData([.. authData, .. System.Security.Cryptography.SHA256.HashData(clientData)], System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new WebAuthnAssertion(key.CredentialId, authData, clientData, signature);
    }

    private static string OwnerHash(string owner) => OwnerKey.Hash(s_compoundKey, owner);

    private void Open(string vote, DateTimeOffset closes)
    {
        var roll = new RollFrozen(Compound, vote, s_at, "officer:wang", [.. s_units.Select(u => new RollEntry(
            new UnitId(u.Unit), new BuildingId(u.Building), Area.FromHundredths(u.Area), AreaSource.Registry, OwnerHash(u.Owner), new OwnerId(u.Principal)))]);
        // The open vote's roll is logged in parts, as a roll larger than one log entry is.
        Events.AddRange(vote == OpenVote ? roll.Split(EventCodec.Encode(roll).Length / 2) : [roll]);
        Events.Add(new MatterPublished(
            Compound,
            vote,
            s_at,
            "committee:chen",
            vote == Vote ? "57号楼电梯维修使用专项维修资金" : "57号楼单元门更换",
            "使用专项维修资金维修57号楼电梯，费用约 ¥386,000。",
            [new MatterQuestion("q1", "是否同意？")],
            [Choice.Yes, Choice.No, Choice.Abstain],
            [new BuildingId("57")],
            ThresholdClass.Ordinary,
            s_at.AddDays(1),
            closes,
            AllowChange: true,
            InvalidBallotRule.Participating,
            [new MatterDocument("quotation.pdf", new string('a', 64))]));
    }

    private void Cast(string vote, string owner, string principal, Choice choice, int minute)
    {
        DateTimeOffset at = s_at.AddDays(2).AddMinutes(minute);
        byte[] nonce = new byte[16];
        BitConverter.TryWriteBytes(nonce, ++_nonce * 7919);
        string[] units = [.. s_units.Where(u => u.Principal == principal).Select(u => u.Unit)];
        var ballot = new OwnerBallot(Compound, vote, principal, units, [new BallotAnswer("q1", choice)], Base64UrlText.Encode(nonce), at.AddMinutes(-1));
        WebAuthnAssertion assertion = owner == "E"
            ? DeviceKeyAssertion(_authenticators[owner], BallotChallenge.Compute(ballot))
            : _authenticators[owner].GetAssertion(BallotChallenge.Compute(ballot), Origin);
        Events.Add(new BallotCast(Compound, vote, at, "owner:" + OwnerHash(owner), ballot, assertion));
    }
}
