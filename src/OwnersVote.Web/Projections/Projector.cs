using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Projections;

/// <summary>
/// Applies log events to the projection tables — the one place rows are written from events, so
/// dropping the tables and replaying the log rebuilds them (DESIGN.md §2, <c>ov rebuild</c>).
/// </summary>
public sealed class Projector(OwnersVoteDb db)
{
    /// <summary>The stored channel of a ballot cast online.</summary>
    public const string Online = "online";

    /// <summary>The stored channel of a scanned paper ballot.</summary>
    public const string Paper = "paper";

    /// <summary>Applies events in log order and saves them in one transaction.</summary>
    /// <exception cref="ProjectionException">An event contradicts the ones before it.</exception>
    public async Task ApplyAsync(IEnumerable<LogEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (LogEvent e in events)
        {
            await ApplyOneAsync(e, cancellationToken);
            // Later events read what earlier ones wrote (a ballot needs its matter).
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private Task ApplyOneAsync(LogEvent e, CancellationToken cancellationToken) => e switch
    {
        CompoundRegistered c => RegisterAsync(c, cancellationToken),
        RollFrozen r => FreezeRollAsync(r, cancellationToken),
        MatterPublished m => PublishAsync(m, cancellationToken),
        BallotCast b => CountBallotAsync(b.MatterId, b.Owner, b.Choice, Online, b.At, cancellationToken),
        PaperBallotRecorded p => CountBallotAsync(p.MatterId, p.Owner, p.Choice, Paper, p.At, cancellationToken),
        VoteClosed v => CloseAsync(v, cancellationToken),
        TallyPublished t => PublishTallyAsync(t, cancellationToken),
        _ => throw new ProjectionException($"No projection for event {e.GetType().Name}."),
    };

    private async Task RegisterAsync(CompoundRegistered e, CancellationToken cancellationToken)
    {
        if (await db.Compounds.AnyAsync(c => c.Id == e.CompoundId, cancellationToken))
        {
            throw new ProjectionException($"Compound {e.CompoundId} is registered twice.");
        }

        db.Compounds.Add(new CompoundRow { Id = e.CompoundId, Name = e.Name, Locality = e.Locality });
    }

    private async Task FreezeRollAsync(RollFrozen e, CancellationToken cancellationToken)
    {
        await RequireCompoundAsync(e.CompoundId, cancellationToken);
        if (await db.Units.AnyAsync(u => u.CompoundId == e.CompoundId, cancellationToken))
        {
            throw new ProjectionException($"The roll of compound {e.CompoundId} is frozen twice.");
        }

        foreach (string building in e.Roll.Units.Select(u => u.Building.Value).Distinct(StringComparer.Ordinal))
        {
            db.Buildings.Add(new BuildingRow { CompoundId = e.CompoundId, Id = building });
        }

        foreach (string owner in e.Roll.Units.Select(u => u.Owner.Value).Distinct(StringComparer.Ordinal))
        {
            db.Owners.Add(new OwnerRow { CompoundId = e.CompoundId, Id = owner });
        }

        foreach (Unit u in e.Roll.Units)
        {
            db.Units.Add(new UnitRow
            {
                CompoundId = e.CompoundId,
                Id = u.Id.Value,
                BuildingId = u.Building.Value,
                AreaHundredths = u.Area.Hundredths,
                AreaSource = RollCsv.FormatAreaSource(u.AreaSource),
                OwnerId = u.Owner.Value,
            });
        }
    }

    private async Task PublishAsync(MatterPublished e, CancellationToken cancellationToken)
    {
        await RequireCompoundAsync(e.CompoundId, cancellationToken);
        foreach (BuildingId building in e.Matter.Scope.Buildings)
        {
            if (!await db.Buildings.AnyAsync(b => b.CompoundId == e.CompoundId && b.Id == building.Value, cancellationToken))
            {
                throw new ProjectionException($"Matter {e.MatterId} is scoped to building {building}, which is not on the roll.");
            }

            db.MatterScopes.Add(new MatterScopeRow { MatterId = e.MatterId, BuildingId = building.Value });
        }

        db.Matters.Add(new MatterRow
        {
            Id = e.MatterId,
            CompoundId = e.CompoundId,
            Title = e.Matter.Title,
            Text = e.Text,
            Threshold = e.Matter.Threshold.ToString(),
            OpensAt = e.OpensAt,
            ClosesAt = e.ClosesAt,
        });
    }

    private async Task CountBallotAsync(
        string matterId, OwnerId owner, Choice choice, string channel, DateTimeOffset at, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(matterId, cancellationToken);
        if (matter.ClosedAt is not null)
        {
            throw new ProjectionException($"A ballot for matter {matterId} is sequenced after the vote closed.");
        }

        if (!await db.Owners.AnyAsync(o => o.CompoundId == matter.CompoundId && o.Id == owner.Value, cancellationToken))
        {
            throw new ProjectionException($"A ballot for matter {matterId} comes from an owner who is not on the roll.");
        }

        string wire = BallotCsv.FormatChoice(choice);
        BallotRow? counted = await db.Ballots.FindAsync([matterId, owner.Value], cancellationToken);
        if (counted is null)
        {
            db.Ballots.Add(new BallotRow { MatterId = matterId, OwnerId = owner.Value, Choice = wire, Channel = channel, CastAt = at });
            return;
        }

        // DESIGN.md §2: an owner who voted online and on paper — online wins by default; a later
        // online ballot supersedes an earlier one while the vote is open (both stay in the log).
        if (channel == Paper && counted.Channel == Online)
        {
            return;
        }

        counted.Choice = wire;
        counted.Channel = channel;
        counted.CastAt = at;
    }

    private async Task CloseAsync(VoteClosed e, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.MatterId, cancellationToken);
        matter.ClosedAt = matter.ClosedAt is null ? e.At : throw new ProjectionException($"Matter {e.MatterId} is closed twice.");
    }

    private async Task PublishTallyAsync(TallyPublished e, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.MatterId, cancellationToken);
        if (matter.ClosedAt is null)
        {
            throw new ProjectionException($"A tally for matter {e.MatterId} is published before the vote closed.");
        }

        matter.ResultPassed = e.Passed;
        matter.ResultPublishedAt = e.At;
    }

    private async Task RequireCompoundAsync(string compoundId, CancellationToken cancellationToken)
    {
        if (!await db.Compounds.AnyAsync(c => c.Id == compoundId, cancellationToken))
        {
            throw new ProjectionException($"Compound {compoundId} is not registered.");
        }
    }

    private async Task<MatterRow> RequireMatterAsync(string matterId, CancellationToken cancellationToken) =>
        await db.Matters.FindAsync([matterId], cancellationToken)
        ?? throw new ProjectionException($"Matter {matterId} is not published.");
}
