namespace OwnersVote.Voting.Events;

/// <summary>
/// Joins the parts of an event logged in parts (<see cref="EntryParts"/>), in the order the log
/// holds them: part 1 to n, one after the other, each naming the same number of parts.
/// </summary>
/// <typeparam name="T">The event: <see cref="RollFrozen"/> or <see cref="StatementPublished"/>.</typeparam>
public abstract class PartAssembly<T>
    where T : LedgerEvent
{
    private readonly List<T> _parts = [];

    /// <summary>The parts taken so far, while the event is incomplete.</summary>
    public int Received => _parts.Count;

    /// <summary>The number of parts the event is logged in, once its first part arrived; 0 before.</summary>
    public int Expected => _parts.Count > 0 ? PartsOf(_parts[0]) : 0;

    /// <summary>Whether some parts arrived and others are still missing.</summary>
    public bool Incomplete => _parts.Count > 0;

    /// <summary>
    /// Takes the next part; returns the whole event (part 1 of 1, every item) once
    /// <paramref name="part"/> is the last, null while parts are missing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The part is not the next one of this event (nothing was taken), or the joined whole breaks a rule (the message says why).</exception>
    public T? Add(T part)
    {
        ArgumentNullException.ThrowIfNull(part);
        int next = _parts.Count + 1;
        if (PartOf(part) != next)
        {
            throw new InvalidOperationException(_parts.Count == 0
                ? $"part {PartOf(part)} of {PartsOf(part)} of {Name(part)} comes without part 1."
                : $"part {PartOf(part)} of {PartsOf(part)} of {Name(part)} comes where part {next} of {Expected} is due.");
        }

        if (_parts.Count > 0)
        {
            CheckNext(_parts[0], _parts[^1], part);
        }

        if (PartOf(part) < PartsOf(part))
        {
            _parts.Add(part);
            return null;
        }

        if (PartsOf(part) == 1)
        {
            return part;
        }

        List<T> parts = [.. _parts, part];
        _parts.Clear();
        return Join(parts);
    }

    /// <summary>The part's number, from 1.</summary>
    protected abstract int PartOf(T part);

    /// <summary>The number of parts the part names.</summary>
    protected abstract int PartsOf(T part);

    /// <summary>How messages name the event, e.g. "the roll".</summary>
    protected abstract string Name(T part);

    /// <summary>Throws <see cref="InvalidOperationException"/> unless <paramref name="part"/> may follow <paramref name="previous"/> in the event <paramref name="first"/> began.</summary>
    protected abstract void CheckNext(T first, T previous, T part);

    /// <summary>The whole event from all its parts, in order; throws <see cref="InvalidOperationException"/> if the whole breaks a rule.</summary>
    protected abstract T Join(IReadOnlyList<T> parts);
}
