using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Paper;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Features.Paper;

/// <summary>Why printing was refused.</summary>
public enum PrintRefusal
{
    /// <summary>No such vote in the officer's compound.</summary>
    UnknownVote,

    /// <summary>The vote is closed: no more sheets are issued (returned sheets may still be recorded).</summary>
    Closed,

    /// <summary>Every principal in scope has voted.</summary>
    NothingToPrint,

    /// <summary>The unit is not on the vote's roll within its scope.</summary>
    NotInScope,

    /// <summary>The principal's paper ballot is already recorded.</summary>
    AlreadyRecorded,

    /// <summary>The matter does not fit on a sheet (too many questions, or a text too long without a notice reference).</summary>
    Layout,

    /// <summary>
    /// The principal holds more units than one ballot entry can name (<see cref="BallotUnits"/>):
    /// no sheet is issued for them, by "print all" or one by one.
    /// </summary>
    TooManyUnits,
}

/// <summary>A printed PDF, or why none was made.</summary>
/// <param name="Pdf">The ballots, one page per principal; null when refused.</param>
/// <param name="Sheets">How many pages.</param>
/// <param name="Refused">Why nothing was printed, or null.</param>
/// <param name="Detail">The layout's message for <see cref="PrintRefusal.Layout"/>.</param>
public sealed record PrintOutcome(byte[]? Pdf, int Sheets, PrintRefusal? Refused, string? Detail = null);

/// <summary>What the print page shows about a vote.</summary>
/// <param name="VoteId">The vote.</param>
/// <param name="Title">The matter's title.</param>
/// <param name="Open">Sheets may be issued.</param>
/// <param name="Principals">Headcount principals in scope (JI art. 9).</param>
/// <param name="VotedOnline">Of them, with an online ballot that passed its checks.</param>
/// <param name="Issued">Sheets currently valid (issued and not voided by a re-issue).</param>
/// <param name="Recorded">Paper ballots recorded.</param>
/// <param name="TooManyUnits">The first unit of each principal whose units no one ballot can name (<see cref="BallotUnits"/>): no sheet is printed for them.</param>
public sealed record PaperVoteSummary(string VoteId, string Title, bool Open, int Principals, int VotedOnline, int Issued, int Recorded, IReadOnlyList<string> TooManyUnits);

/// <summary>
/// Issues paper ballots from the officers' print page (DESIGN.md §2 "Paper ballots"; issue 5): the
/// whole vote — one page per headcount principal in scope who has not voted (<see cref="BallotPlan"/>,
/// shared with <c>ov paper print</c>) — or one sheet on demand for a unit. Each page's serial is
/// appended to the log as <c>PaperBallotIssued</c> before the PDF is handed out; issuing again for a
/// principal voids the earlier serial (VoteReplay). The QR codes' MAC key stays in the vote's key
/// file (<see cref="BallotKeyFile"/>), never in the log.
/// </summary>
public sealed class PaperPrinting(OwnersVoteDb db, EventLog log, ScanStore store, TimeProvider time)
{
    /// <summary>The print page's figures, or null when the vote is not the officer's compound's.</summary>
    public async Task<PaperVoteSummary?> SummaryAsync(OwnerSession officer, string voteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (await LoadAsync(officer, voteId, cancellationToken) is not { } vote)
        {
            return null;
        }

        IReadOnlyList<List<SheetUnit>> principals = BallotPlan.ByPrincipal(vote.Units, vote.Scope);
        int issued = await db.PaperSerials.CountAsync(p => p.MatterId == voteId && !p.Voided, cancellationToken);
        string[] tooMany = [.. principals.Where(p => !Fits(p)).Select(p => p[0].Unit)];
        return new PaperVoteSummary(voteId, vote.Matter.Title, vote.Open, principals.Count, vote.VotedOnline.Count, issued, vote.RecordedPaper.Count, tooMany);
    }

    /// <summary>One page for every principal in scope who has voted neither online nor on paper; each serial is logged as issued.</summary>
    public async Task<PrintOutcome> PrintAllAsync(OwnerSession officer, string voteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (await LoadAsync(officer, voteId, cancellationToken) is not { } vote)
        {
            return new PrintOutcome(null, 0, PrintRefusal.UnknownVote);
        }

        if (!vote.Open)
        {
            return new PrintOutcome(null, 0, PrintRefusal.Closed);
        }

        var voted = new HashSet<string>(vote.VotedOnline, StringComparer.Ordinal);
        voted.UnionWith(vote.RecordedPaper);
        (IReadOnlyList<PlannedSheet> planned, _) = BallotPlan.ForVote(voteId, vote.Units, vote.Scope, voted);
        // The principals no sheet can name are left out; the print page lists them (SummaryAsync).
        PlannedSheet[] sheets = [.. planned.Where(s => BallotUnits.FitOneEntry(s.Units))];
        return sheets.Length == 0
            ? new PrintOutcome(null, 0, PrintRefusal.NothingToPrint)
            : await IssueAsync(officer, vote, sheets, cancellationToken);
    }

    /// <summary>
    /// One sheet for the principal of <paramref name="unit"/> (all of their units in scope); its
    /// <c>PaperBallotIssued</c> voids any earlier sheet of that principal.
    /// </summary>
    public async Task<PrintOutcome> ReissueAsync(OwnerSession officer, string voteId, string unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(unit);
        if (await LoadAsync(officer, voteId, cancellationToken) is not { } vote)
        {
            return new PrintOutcome(null, 0, PrintRefusal.UnknownVote);
        }

        if (!vote.Open)
        {
            return new PrintOutcome(null, 0, PrintRefusal.Closed);
        }

        string wanted = unit.Trim();
        List<SheetUnit>? principal = BallotPlan.ByPrincipal(vote.Units, vote.Scope).FirstOrDefault(p => p.Any(u => u.Unit == wanted));
        if (principal is null)
        {
            return new PrintOutcome(null, 0, PrintRefusal.NotInScope);
        }

        if (vote.RecordedPaper.Contains(principal[0].Principal))
        {
            return new PrintOutcome(null, 0, PrintRefusal.AlreadyRecorded);
        }

        if (!Fits(principal))
        {
            return new PrintOutcome(null, 0, PrintRefusal.TooManyUnits, principal.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return await IssueAsync(officer, vote, [BallotPlan.ForPrincipal(voteId, principal)], cancellationToken);
    }

    // A sheet names all of the principal's units in scope, as PaperBallotIssued logs them.
    private static bool Fits(List<SheetUnit> principal) => BallotUnits.FitOneEntry(principal.Select(u => u.Unit));

    // Rendered first, so a matter that does not fit issues nothing; then logged, so no sheet is
    // handed out whose serial the log does not know.
    private async Task<PrintOutcome> IssueAsync(OwnerSession officer, LoadedVote vote, IReadOnlyList<PlannedSheet> sheets, CancellationToken cancellationToken)
    {
        string actor = officer.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id; officers sign in with their own invitation.");
        BallotKey key = await BallotKeyFile.ReadOrCreateAsync(store.KeyPath(vote.Matter.Id), cancellationToken);
        string[] questions = JsonSerializer.Deserialize<string[]>(vote.Matter.QuestionTexts) ?? [];
        var matter = new BallotMatter(vote.CompoundName, vote.Matter.Title, vote.Matter.Text, null, questions);
        byte[] pdf;
        try
        {
            using var buffer = new MemoryStream();
            BallotRenderer.Render(matter, [.. sheets.Select(s => s.Sheet)], key, buffer);
            pdf = buffer.ToArray();
        }
        catch (BallotLayoutException e)
        {
            return new PrintOutcome(null, 0, PrintRefusal.Layout, e.Message);
        }

        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        await log.AppendManyAsync(
            [.. sheets.Select(s => new PaperBallotIssued(vote.Matter.CompoundId, vote.Matter.Id, now, actor, s.Principal, s.Units, s.Sheet.Code.Serial))],
            cancellationToken);
        return new PrintOutcome(pdf, sheets.Count, null);
    }

    private sealed record LoadedVote(
        MatterRow Matter, string CompoundName, bool Open, IReadOnlyList<SheetUnit> Units, IReadOnlyList<string> Scope,
        IReadOnlySet<string> VotedOnline, IReadOnlySet<string> RecordedPaper);

    private async Task<LoadedVote?> LoadAsync(OwnerSession officer, string voteId, CancellationToken cancellationToken)
    {
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == voteId && m.CompoundId == officer.CompoundId, cancellationToken);
        if (matter is null)
        {
            return null;
        }

        string compound = await db.Compounds.AsNoTracking().Where(c => c.Id == matter.CompoundId).Select(c => c.Name).SingleAsync(cancellationToken);
        List<SheetUnit> units = [.. (await db.Units.AsNoTracking().Where(u => u.VoteId == voteId).ToListAsync(cancellationToken))
            .Select(u => new SheetUnit(u.Id, u.BuildingId, Area.FromHundredths(u.AreaHundredths), u.OwnerId))];
        List<string> scope = await db.MatterScopes.AsNoTracking().Where(s => s.MatterId == voteId).Select(s => s.BuildingId).ToListAsync(cancellationToken);
        var ballots = await db.Ballots.AsNoTracking()
            .Where(b => b.MatterId == voteId && b.Rejection == null)
            .Select(b => new { b.OwnerId, b.Channel })
            .ToListAsync(cancellationToken);
        var online = new HashSet<string>(ballots.Where(b => b.Channel == Projector.Online).Select(b => b.OwnerId), StringComparer.Ordinal);
        var paper = new HashSet<string>(ballots.Where(b => b.Channel == Projector.Paper).Select(b => b.OwnerId), StringComparer.Ordinal);
        bool open = matter.ClosedAt is null && matter.ResultPublishedAt is null;
        return new LoadedVote(matter, compound, open, units, scope, online, paper);
    }
}
