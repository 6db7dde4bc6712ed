namespace OwnersVote.Voting.Events;

/// <summary>
/// Joins a vote's <c>RollFrozen</c> parts, in the order the log holds them, into the whole roll
/// (<see cref="RollFrozen.Split"/>): part 1 to n, one after the other, each naming the same number
/// of parts, time and actor, their units still sorted and unique across the parts.
/// </summary>
public sealed class RollAssembly : PartAssembly<RollFrozen>
{
    /// <inheritdoc />
    protected override int PartOf(RollFrozen part) => part.Part;

    /// <inheritdoc />
    protected override int PartsOf(RollFrozen part) => part.Parts;

    /// <inheritdoc />
    protected override string Name(RollFrozen part) => "the roll";

    /// <inheritdoc />
    protected override void CheckNext(RollFrozen first, RollFrozen previous, RollFrozen part)
    {
        if (part.Parts != first.Parts || part.At != first.At || part.Actor != first.Actor || part.Compound != first.Compound || part.Vote != first.Vote)
        {
            throw new InvalidOperationException($"part {part.Part} of the roll differs from part 1 in its number of parts, time, actor, compound or vote.");
        }

        // Each part's units are sorted and unique (RollFrozen); across parts, each run follows the last.
        if (string.CompareOrdinal(part.Units[0].Unit.Value, previous.Units[^1].Unit.Value) <= 0)
        {
            throw new InvalidOperationException($"part {part.Part} of the roll starts with unit {part.Units[0].Unit}, not after unit {previous.Units[^1].Unit} of part {part.Part - 1}.");
        }
    }

    /// <inheritdoc />
    protected override RollFrozen Join(IReadOnlyList<RollFrozen> parts) =>
        parts[0] with { Units = [.. parts.SelectMany(p => p.Units)], Part = 1, Parts = 1 };
}
