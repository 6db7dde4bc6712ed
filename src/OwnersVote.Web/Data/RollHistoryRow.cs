namespace OwnersVote.Web.Data;

/// <summary>
/// One change of the editable roll (issue 6 §4: every import, edit and transfer with its officer).
/// <see cref="Detail"/> names units, owner codes, areas and sources, never a name, phone or ID
/// number. Freezing a roll for a vote is not recorded here: it is the <c>RollFrozen</c> log entry.
/// </summary>
public sealed class RollHistoryRow
{
    public long Id { get; set; }

    public required string CompoundId { get; set; }

    /// <summary>The unit changed, or null for a change of the whole roll (an import) or of an owner's particulars.</summary>
    public string? UnitId { get; set; }

    /// <summary>import, unit, owner, transfer, co-owner-added, co-owner-removed or caster.</summary>
    public required string Action { get; set; }

    /// <summary>What changed, before → after.</summary>
    public required string Detail { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The officer (staff id).</summary>
    public required string Officer { get; set; }
}
