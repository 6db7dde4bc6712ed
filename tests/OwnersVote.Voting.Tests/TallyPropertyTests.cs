using FsCheck;
using FsCheck.Fluent;

namespace OwnersVote.Voting.Tests;

/// <summary>Invariants of the double count over random compounds.</summary>
public sealed class TallyPropertyTests
{
    private const int Owners = 8;

    /// <summary>A random compound: units with random owners (owner 0 is the developer) and areas,
    /// each owner's choice (null = did not take part), and a rule.</summary>
    private sealed record Election(int[] UnitOwners, int[] Hundredths, Choice?[] OwnerChoices, ThresholdClass Rule)
    {
        public Roll Roll(long scale = 1) => global::OwnersVote.Voting.Roll.Create(UnitOwners.Select((owner, i) => new Unit(
            new UnitId($"U{i}"),
            new BuildingId(i % 3 == 0 ? "57" : "58"),
            owner == 0 ? OwnerId.Developer : new OwnerId($"owner-{owner}"),
            Area.FromHundredths(checked(Hundredths[i] * scale)),
            AreaSource.Registry)));

        public Ballot[] Ballots() =>
            [.. UnitOwners.Select((owner, i) => (owner, i))
                .Where(x => OwnerChoices[x.owner] is not null)
                .Select(x => new Ballot(new UnitId($"U{x.i}"), OwnerChoices[x.owner]!.Value))];

        public TallyResult Count(long scale = 1) => Count(Ballots(), scale);

        public TallyResult Count(IEnumerable<Ballot> ballots, long scale = 1) =>
            Tally.Count(Roll(scale), new Matter("property", Rule, Scope.WholeCompound), ballots);

        public override string ToString() =>
            $"owners [{string.Join(",", UnitOwners)}] areas [{string.Join(",", Hundredths)}] choices [{string.Join(",", OwnerChoices)}] {Rule}";
    }

    private static readonly Gen<Choice?> s_choice = Gen.Elements<Choice?>(null, Choice.Yes, Choice.No, Choice.Abstain, Choice.Invalid);

    private static readonly Gen<Election> s_election =
        from units in Gen.Choose(1, 24)
        from owners in Gen.ArrayOf(Gen.Choose(0, Owners - 1), units)
        from areas in Gen.ArrayOf(Gen.Choose(1, 30000), units)
        from choices in Gen.ArrayOf(s_choice, Owners)
        from rule in Gen.Elements(ThresholdClass.Ordinary, ThresholdClass.Major)
        select new Election(owners, areas, choices, rule);

    [Fact]
    public void Turning_a_non_participant_or_a_no_into_a_yes_never_turns_a_pass_into_a_fail()
    {
        Gen<(Election, int)> gen = s_election.SelectMany(e => Gen.Choose(0, Owners - 1), (e, owner) => (e, owner));
        Prop.ForAll(gen.ToArbitrary(), pair =>
        {
            (Election election, int owner) = pair;
            if (election.OwnerChoices[owner] is not (null or Choice.No))
            {
                return true;
            }

            TallyResult before = election.Count();
            Choice?[] changed = [.. election.OwnerChoices];
            changed[owner] = Choice.Yes;
            TallyResult after = (election with { OwnerChoices = changed }).Count();
            return !before.Passed || after.Passed;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Multiplying_every_area_by_the_same_factor_keeps_the_result()
    {
        Gen<(Election, int)> gen = s_election.SelectMany(e => Gen.Choose(2, 100_000), (e, k) => (e, k));
        Prop.ForAll(gen.ToArbitrary(), pair =>
        {
            (Election election, int k) = pair;
            TallyResult one = election.Count();
            TallyResult scaled = election.Count(scale: k);
            return one.QuorumMet == scaled.QuorumMet
                && one.Passed == scaled.Passed
                && one.Participating.Heads == scaled.Participating.Heads
                && one.Yes.Area.Hundredths * k == scaled.Yes.Area.Hundredths
                && one.Total.Area.Hundredths * k == scaled.Total.Area.Hundredths
                && one.Reasons.Select(r => r.Met).SequenceEqual(scaled.Reasons.Select(r => r.Met));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_tally_never_depends_on_the_order_of_the_ballots()
    {
        Gen<(Election, Ballot[])> gen = s_election.SelectMany(e => Gen.Shuffle(e.Ballots()), (e, shuffled) => (e, shuffled));
        Prop.ForAll(gen.ToArbitrary(), pair =>
        {
            (Election election, Ballot[] shuffled) = pair;
            TallyResult a = election.Count();
            TallyResult b = election.Count(shuffled);
            return a with { Reasons = [] } == b with { Reasons = [] } && a.Reasons.SequenceEqual(b.Reasons);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_head_and_every_hundredth_lands_in_exactly_one_category()
    {
        Prop.ForAll(s_election.ToArbitrary(), election =>
        {
            TallyResult r = election.Count();
            return r.Yes + r.No + r.Abstain + r.Invalid == r.Participating
                && r.Participating.Area <= r.Total.Area
                && r.Participating.Heads <= r.Total.Heads
                && (r.QuorumMet || !r.Passed);
        }).QuickCheckThrowOnFailure();
    }
}
