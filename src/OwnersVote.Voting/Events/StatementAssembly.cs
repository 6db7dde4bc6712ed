namespace OwnersVote.Voting.Events;

/// <summary>
/// Joins a statement's parts, in the order the log holds them, into the whole statement
/// (<see cref="StatementPublished.Split"/>): part 1 to n, one after the other, each the same
/// statement but for its lines; the whole must then balance (opening plus every line gives the
/// closing) and keep its lines in date order, as a statement in one entry must.
/// </summary>
public sealed class StatementAssembly
{
    private readonly List<StatementPublished> _parts = [];

    /// <summary>The parts taken so far, while the statement is incomplete.</summary>
    public int Received => _parts.Count;

    /// <summary>The number of parts the statement is logged in, once its first part arrived; 0 before.</summary>
    public int Expected => _parts.Count > 0 ? _parts[0].Parts : 0;

    /// <summary>Whether some parts arrived and others are still missing.</summary>
    public bool Incomplete => _parts.Count > 0;

    /// <summary>
    /// Takes the next part; returns the whole statement (part 1 of 1, every line) once
    /// <paramref name="part"/> is the last, null while parts are missing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The part is not the next one of this statement, or the whole does not balance (the message says why).</exception>
    public StatementPublished? Add(StatementPublished part)
    {
        ArgumentNullException.ThrowIfNull(part);
        int next = _parts.Count + 1;
        if (part.Part != next)
        {
            throw new InvalidOperationException(_parts.Count == 0
                ? $"part {part.Part} of {part.Parts} of statement {part.Statement} comes without part 1."
                : $"part {part.Part} of {part.Parts} of statement {part.Statement} comes where part {next} of {Expected} of statement {_parts[0].Statement} is due.");
        }

        if (_parts.Count > 0 && !_parts[0].SameStatementAs(part))
        {
            throw new InvalidOperationException($"part {part.Part} of statement {part.Statement} differs from part 1 in more than its lines.");
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

        StatementPublished whole = _parts[0] with { Lines = [.. _parts.SelectMany(p => p.Lines), .. part.Lines], Part = 1, Parts = 1 };
        _parts.Clear();
        whole.CheckWhole(problem => new InvalidOperationException($"statement {whole.Statement}, its {part.Parts} parts joined: {problem}"));
        return whole;
    }
}
