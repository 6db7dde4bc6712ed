namespace OwnersVote.Voting.Events;

/// <summary>
/// Joins a vote's <c>RollFrozen</c> parts, in the order the log holds them, into the whole roll
/// (<see cref="RollFrozen.Split"/>): part 1 to n, one after the other, each naming the same number
/// of parts, time and actor, their units still sorted and unique across the parts.
/// </summary>
public sealed class RollAssembly
{
    private readonly List<RollFrozen> _parts = [];

    /// <summary>The parts taken so far, while the roll is incomplete.</summary>
    public int Received => _parts.Count;

    /// <summary>The number of parts the roll is logged in, once its first part arrived; 0 before.</summary>
    public int Expected => _parts.Count > 0 ? _parts[0].Parts : 0;

    /// <summary>Whether some parts arrived and others are still missing.</summary>
    public bool Incomplete => _parts.Count > 0;

    /// <summary>
    /// Takes the next part; returns the whole roll (one <see cref="RollFrozen"/> of all the units,
    /// part 1 of 1) once <paramref name="part"/> is the last, null while parts are missing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The part is not the next one of this roll (the message says why); nothing was taken.</exception>
    public RollFrozen? Add(RollFrozen part)
    {
        ArgumentNullException.ThrowIfNull(part);
        int next = _parts.Count + 1;
        if (part.Part != next)
        {
            throw new InvalidOperationException(_parts.Count == 0
                ? $"part {part.Part} of {part.Parts} of the roll comes without part 1."
                : $"part {part.Part} of {part.Parts} of the roll comes where part {next} of {Expected} is due.");
        }

        if (_parts.Count > 0)
        {
            RollFrozen first = _parts[0];
            if (part.Parts != first.Parts || part.At != first.At || part.Actor != first.Actor || part.Compound != first.Compound || part.Vote != first.Vote)
            {
                throw new InvalidOperationException($"part {part.Part} of the roll differs from part 1 in its number of parts, time, actor, compound or vote.");
            }

            // Each part's units are sorted and unique (RollFrozen); across parts, each run follows the last.
            if (string.CompareOrdinal(part.Units[0].Unit.Value, _parts[^1].Units[^1].Unit.Value) <= 0)
            {
                throw new InvalidOperationException($"part {part.Part} of the roll starts with unit {part.Units[0].Unit}, not after unit {_parts[^1].Units[^1].Unit} of part {part.Part - 1}.");
            }
        }

        if (part.Part < part.Parts)
        {
            _parts.Add(part);
            return null;
        }

        if (part.Parts == 1)
        {
            return part;
        }

        RollFrozen whole = _parts[0] with { Units = [.. _parts.SelectMany(p => p.Units), .. part.Units], Part = 1, Parts = 1 };
        _parts.Clear();
        return whole;
    }
}
