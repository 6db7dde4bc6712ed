using System.Security.Cryptography;
using System.Text;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Benchmarks;

/// <summary>What one generated ballot's signature check costs at its rawest: the signed bytes, the signature, the key.</summary>
/// <param name="Signed">authenticatorData ‖ SHA-256(clientDataJSON) (WebAuthn §7.2 steps 20–21).</param>
/// <param name="Signature">The ASN.1 DER ES256 signature.</param>
/// <param name="X">The public key's x coordinate.</param>
/// <param name="Y">The public key's y coordinate.</param>
internal sealed record RawSignature(byte[] Signed, byte[] Signature, byte[] X, byte[] Y);

/// <summary>One compound's part of a generated log: its entries and its ballots' raw signatures.</summary>
internal sealed record CompoundLog(List<byte[]> Entries, List<RawSignature> Signatures);

/// <summary>
/// Generates the events of a large, genuine OwnersVote log: compounds of
/// <see cref="OwnersPerCompound"/> owners (one unit each), each with one or more compound-wide
/// votes in turn, in each of which every owner casts a WebAuthn ES256 ballot from their own
/// enrolled passkey, then the close and the tally recounted by <see cref="VoteReplay"/>. The rest of the requested size is owners'
/// other devices, enrolled and some revoked, as a compound's log accumulates them.
/// </summary>
internal static class BigLog
{
    public const string RpId = "vote.example.cn";
    public const string Origin = "https://vote.example.cn";

    /// <summary>
    /// Owners per compound: 250, so each roll is one <c>RollFrozen</c> entry (a roll of more than
    /// about 300 units is logged in parts) and the log is the one measured since issue 10 began.
    /// </summary>
    public const int OwnersPerCompound = 250;

    /// <summary>Per compound: its <c>CompoundRegistered</c>, and per vote its RollFrozen, MatterPublished, VoteClosed and TallyPublished.</summary>
    public static int FixedEventsPerCompound(int votes) => 1 + (4 * votes);

    private const string Officer = "officer:bench-1";
    private const string SecondOfficer = "officer:bench-2";
    private static readonly DateTimeOffset s_start = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);

    /// <summary>The number of compounds for <paramref name="ballots"/> ballots.</summary>
    public static int Compounds(int ballots, int votes) => checked((ballots + (OwnersPerCompound * votes) - 1) / (OwnersPerCompound * votes));

    /// <summary>
    /// The events of compound number <paramref name="c"/> with
    /// <paramref name="owners"/> voting owners, <paramref name="extra"/> extra credential events
    /// and <paramref name="votes"/> votes (the first is named as when there was one).
    /// </summary>
    public static CompoundLog Compound(int c, int owners, int extra, int votes)
    {
        string compound = $"bench-{c:D5}";
        byte[] compoundKey = SHA256.HashData(Encoding.UTF8.GetBytes("bench compound key|" + compound));
        DateTimeOffset registered = s_start.AddMinutes(c);
        var events = new List<LedgerEvent>
        {
            // Electronic Signature Law art. 13: ballots need user verification.
            new CompoundRegistered(compound, registered, "admin:bench", $"基准小区 {c}", "上海市闵行区马桥镇", RpId, [Origin], RequireUserVerification: true),
        };

        var authenticators = new SoftwareAuthenticator[owners];
        string[] ownerHashes = new string[owners];
        try
        {
            DateTimeOffset enrolled = registered.AddDays(1);
            for (int i = 0; i < owners; i++)
            {
                ownerHashes[i] = OwnerKey.Hash(compoundKey, $"owner|{c}|{i}");
                authenticators[i] = SoftwareAuthenticator.MakeCredential(RpId);
                events.Add(Enrol(compound, enrolled, ownerHashes[i], authenticators[i].CredentialId, authenticators[i].CosePublicKey));
            }

            // Owners' other devices: an old phone enrolled, later revoked, a tablet enrolled.
            byte[]? previous = null;
            int previousOwner = 0;
            for (int j = 0; j < extra; j++)
            {
                int owner = j / 3 % owners;
                if (j % 3 == 1 && previous is not null)
                {
                    events.Add(new CredentialRevoked(compound, enrolled.AddDays(2), Officer, ownerHashes[previousOwner], previous, [Officer, SecondOfficer], "lost-device"));
                    previous = null;
                    continue;
                }

                using var device = SoftwareAuthenticator.MakeCredential(RpId);
                events.Add(Enrol(compound, enrolled.AddHours(1), ownerHashes[owner], device.CredentialId, device.CosePublicKey));
                previous = device.CredentialId.ToArray();
                previousOwner = owner;
            }

            var signatures = new List<RawSignature>(owners * votes);
            for (int v = 0; v < votes; v++)
            {
                string vote = v == 0 ? $"{compound}-lift" : $"{compound}-lift{v + 1}";
                AddVote(events, signatures, compound, vote, registered.AddDays(10 + (14 * v)), ownerHashes, authenticators);
            }

            return new CompoundLog([.. events.Select(EventCodec.Encode)], signatures);
        }
        finally
        {
            foreach (SoftwareAuthenticator? a in authenticators)
            {
                a?.Dispose();
            }
        }
    }

    // One compound-wide vote: the roll, the matter, every owner's ballot, the close and the tally.
    private static void AddVote(
        List<LedgerEvent> events, List<RawSignature> signatures, string compound, string vote, DateTimeOffset opens, string[] ownerHashes, SoftwareAuthenticator[] authenticators)
    {
        int owners = ownerHashes.Length;
        DateTimeOffset closes = opens.AddDays(7);
        events.Add(new RollFrozen(compound, vote, opens.AddHours(-2), Officer, [.. Enumerable.Range(0, owners)
            .Select(i => new RollEntry(new UnitId($"1-{i + 1:D4}"), new BuildingId("1"), Area.FromHundredths(6_000 + (i * 7_919 % 9_000)), AreaSource.Registry, ownerHashes[i], new OwnerId(ownerHashes[i])))]));
        var matter = new MatterPublished(
            compound,
            vote,
            opens.AddHours(-1),
            "committee:bench",
            "电梯维修使用专项维修资金",
            "使用专项维修资金维修电梯，费用约 ¥386,000。",
            [new MatterQuestion("q1", "是否同意？")],
            [Choice.Yes, Choice.No, Choice.Abstain],
            [],
            ThresholdClass.Ordinary,
            opens,
            closes,
            AllowChange: true,
            InvalidBallotRule.Participating,
            []);
        events.Add(matter);

        for (int i = 0; i < owners; i++)
        {
            DateTimeOffset at = opens.AddSeconds(30 * (i + 1));
            Choice choice = (i % 11) switch { 3 => Choice.No, 8 => Choice.Abstain, _ => Choice.Yes };
            byte[] nonce = SHA256.HashData(Encoding.UTF8.GetBytes($"bench-nonce|{vote}|{i}"))[..16];
            var ballot = new OwnerBallot(compound, vote, ownerHashes[i], [$"1-{i + 1:D4}"], [new BallotAnswer("q1", choice)], Base64UrlText.Encode(nonce), at.AddMinutes(-1));
            WebAuthnAssertion assertion = authenticators[i].GetAssertion(BallotChallenge.Compute(ballot), Origin);
            events.Add(new BallotCast(compound, vote, at, "owner:" + ownerHashes[i], ballot, assertion));
            signatures.Add(Raw(assertion, authenticators[i].CosePublicKey));
        }

        events.Add(new VoteClosed(compound, vote, closes, "system"));
        VoteReplayResult recount = VoteReplay.Replay(events, vote);
        events.Add(recount.ToTallyPublished(closes.AddHours(2), "committee:bench"));
    }

    private static CredentialEnrolled Enrol(string compound, DateTimeOffset at, string owner, ReadOnlyMemory<byte> credentialId, byte[] cosePublicKey) =>
        new(compound, at, Officer, owner, credentialId, CoseKey.Parse(cosePublicKey), CredentialKind.Passkey, [Officer, SecondOfficer], at.AddDays(1), OwnerNotified: true);

    private static RawSignature Raw(WebAuthnAssertion assertion, byte[] cosePublicKey)
    {
        byte[] authData = assertion.AuthenticatorData.ToArray();
        byte[] signed = new byte[authData.Length + 32];
        authData.CopyTo(signed, 0);
        SHA256.HashData(assertion.ClientDataJson.Span, signed.AsSpan(authData.Length));

        // The ES256 COSE_Key layout of CoseKey.EncodeEs256: x at 10, y at 45.
        return new RawSignature(signed, assertion.Signature.ToArray(), cosePublicKey[10..42], cosePublicKey[45..77]);
    }
}
