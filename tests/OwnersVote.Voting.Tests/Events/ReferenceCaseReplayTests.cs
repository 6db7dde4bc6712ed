using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>The building-57 reference case cast online, signed, logged, decoded and recounted.</summary>
public sealed class ReferenceCaseReplayTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", "jingcheng", name);

    [Fact]
    public void The_signed_log_of_building_57_recounts_to_the_same_double_count_as_the_ballots()
    {
        Roll roll = RollCsv.Parse(File.ReadAllBytes(Sample("roll.csv")));
        IReadOnlyList<Ballot> ballots = BallotCsv.Parse(File.ReadAllBytes(Sample("ballots-57-lift.csv")));
        MatterPublished matter = EventSamples.Matter();
        TallyResult direct = Tally.Count(roll, matter.ToMatter(), ballots);

        List<LedgerEvent> log =
        [
            EventSamples.Registered(),
            new RollFrozen(EventSamples.Compound, EventSamples.Vote, EventSamples.At, "officer:wang", [.. roll.Units
                .OrderBy(u => u.Id.Value, StringComparer.Ordinal)
                .Select(u => new RollEntry(u.Id, u.Building, u.Area, u.AreaSource, EventSamples.Owner(u.Owner.Value), u.Owner))]),
            matter,
            // The compound's notices and statements share the log and change no vote's count.
            EventSamples.Notice(),
            EventSamples.Fund(),
            EventSamples.Income(),
        ];
        var choices = ballots.ToDictionary(b => b.Unit.Value, b => b.Choice, StringComparer.Ordinal);
        var authenticators = new List<SoftwareAuthenticator>();
        try
        {
            int minute = 0;
            foreach (IGrouping<OwnerId, Unit> principal in roll.UnitsIn(matter.ToMatter().Scope).GroupBy(u => u.Owner))
            {
                string[] units = [.. principal.Select(u => u.Id.Value).Order(StringComparer.Ordinal)];
                if (!choices.TryGetValue(units[0], out Choice choice))
                {
                    continue;
                }

                var authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
                authenticators.Add(authenticator);
                string owner = EventSamples.Owner(principal.Key.Value);
                log.Add(new CredentialEnrolled(EventSamples.Compound, EventSamples.At, "officer:wang", owner, authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey), CredentialKind.Passkey, ["officer:wang", "officer:zhao"], EventSamples.At, OwnerNotified: true));
                DateTimeOffset at = matter.Opens.AddMinutes(++minute);
                byte[] nonce = new byte[16];
                BitConverter.TryWriteBytes(nonce, minute);
                var ballot = new OwnerBallot(EventSamples.Compound, EventSamples.Vote, principal.Key.Value, units, [new BallotAnswer("q1", choice)], Base64UrlText.Encode(nonce), at);
                log.Add(new BallotCast(EventSamples.Compound, EventSamples.Vote, at, "owner:" + owner, ballot, authenticator.GetAssertion(BallotChallenge.Compute(ballot), BallotFixtures.Origin)));
            }
        }
        finally
        {
            authenticators.ForEach(a => a.Dispose());
        }

        VoteReplayResult replayed = VoteReplay.Replay(log.Select(e => EventCodec.Decode(EventCodec.Encode(e))), EventSamples.Vote);

        TallyResult result = replayed.Questions[0].Result;
        Assert.Equal(49, replayed.Ballots.Count(b => b.Disposition == BallotDisposition.Counted));
        Assert.Equal(direct with { Reasons = [] }, result with { Reasons = [] });
        Assert.Equal(direct.Reasons.Select(r => r.Chinese), result.Reasons.Select(r => r.Chinese));
        Assert.Equal(new DoubleCount(Area.Parse("4840.50"), Headcount.FromInt32(47)), result.Yes);
        Assert.True(result.Passed);
    }
}
