using System.Text.Json.Nodes;
using OwnersVote.Ledger;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>
/// <see cref="BallotUnits"/>: how many units one ballot entry can name (c2sp.org/tlog-tiles: an
/// entry is at most 65,535 bytes), so a principal with too many is refused before signing.
/// </summary>
public sealed class BallotUnitsTests
{
    [Fact]
    public void The_list_length_is_the_canonical_JSON_arrays_byte_for_byte()
    {
        string[][] lists =
        [
            [],
            ["57-101"],
            ["3栋2单元1501", "57-101", "a\"b", "c\\d", "e\u0001f", "g\nh", "é", "😀"],
        ];
        foreach (string[] units in lists)
        {
            var array = new JsonArray([.. units.Select(u => (JsonNode)JsonValue.Create(u))]);
            Assert.Equal(Jcs.Canonicalize(array).Length, BallotUnits.ListBytes(units));
        }
    }

    [Fact]
    public void A_list_of_exactly_the_budget_fits_and_one_byte_more_does_not()
    {
        string[] units = Boundary(BallotUnits.MaxListBytes);
        Assert.Equal(BallotUnits.MaxListBytes, BallotUnits.ListBytes(units));
        Assert.True(BallotUnits.FitOneEntry(units));
        units[^1] += "x";
        Assert.Equal(BallotUnits.MaxListBytes + 1, BallotUnits.ListBytes(units));
        Assert.False(BallotUnits.FitOneEntry(units));
    }

    [Fact]
    public void At_the_budget_every_ballot_event_still_fits_one_entry_with_room_to_spare()
    {
        string[] units = Boundary(BallotUnits.MaxListBytes);
        DateTimeOffset at = new(2025, 3, 1, 8, 30, 0, TimeSpan.Zero);
        string principal = OwnerId.Developer.Value;
        // A matter with ten questions, a handwritten signature, and client data as long as a
        // browser's with its cross-origin member.
        BallotAnswer[] answers = [.. Enumerable.Range(0, 10).Select(i => new BallotAnswer($"question-{i:D2}", Choice.Abstain))];
        OwnerBallot ballot = BallotFixtures.OwnerBallot() with { Principal = principal, Units = units, Answers = answers, Handwriting = new string('a', 64) };
        using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        WebAuthnAssertion assertion = authenticator.GetAssertion(BallotChallenge.Compute(ballot), BallotFixtures.Origin, crossOrigin: true);
        LedgerEvent[] events =
        [
            new BallotCast(ballot.Compound, ballot.Vote, at, "owner:" + new string('f', 64), ballot, assertion),
            new CustodialBallotCast(ballot.Compound, ballot.Vote, at, "officer:wang-01", new string('f', 64), principal, units, answers, "officer:zhao-02", "officer:wang-01"),
            new PaperBallotIssued(ballot.Compound, ballot.Vote, at, "officer:wang-01", principal, units, "P-0000000001"),
        ];
        foreach (LedgerEvent e in events)
        {
            int length = EventCodec.Encode(e).Length;
            Assert.True(length <= EntryBundle.MaxEntrySize - (BallotUnits.Reserve / 2), $"{e.GetType().Name}: {length} bytes");
        }
    }

    // Unit ids "u-000001", … (11 bytes each in the array), the last one padded to reach exactly `bytes`.
    private static string[] Boundary(int bytes)
    {
        int count = (bytes - 1) / 11;
        string[] units = [.. Enumerable.Range(1, count).Select(i => $"u-{i:D6}")];
        units[^1] += new string('z', bytes - BallotUnits.ListBytes(units));
        return units;
    }
}
