namespace OwnersVote.Voting.Events;

/// <summary>
/// Joins a statement's parts, in the order the log holds them, into the whole statement
/// (<see cref="StatementPublished.Split"/>): part 1 to n, one after the other, each the same
/// statement but for its lines; the whole must then balance (opening plus every line gives the
/// closing) and keep its lines in date order, as a statement in one entry must.
/// </summary>
public sealed class StatementAssembly : PartAssembly<StatementPublished>
{
    /// <inheritdoc />
    protected override int PartOf(StatementPublished part) => part.Part;

    /// <inheritdoc />
    protected override int PartsOf(StatementPublished part) => part.Parts;

    /// <inheritdoc />
    protected override string Name(StatementPublished part) => $"statement {part.Statement}";

    /// <inheritdoc />
    protected override void CheckNext(StatementPublished first, StatementPublished previous, StatementPublished part)
    {
        if (!first.SameStatementAs(part))
        {
            throw new InvalidOperationException($"part {part.Part} of statement {part.Statement} differs from part 1 in more than its lines.");
        }
    }

    /// <inheritdoc />
    protected override StatementPublished Join(IReadOnlyList<StatementPublished> parts)
    {
        StatementPublished whole = parts[0] with { Lines = [.. parts.SelectMany(p => p.Lines)], Part = 1, Parts = 1 };
        whole.CheckWhole(problem => new InvalidOperationException($"statement {whole.Statement}, its {parts.Count} parts joined: {problem}"));
        return whole;
    }
}
