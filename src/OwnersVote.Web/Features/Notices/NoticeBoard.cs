using Microsoft.EntityFrameworkCore;
using OwnersVote.Ledger;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Documents;
using OwnersVote.Web.Features.Money;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Notices;

/// <summary>A notice as pages show it.</summary>
/// <param name="Id">The notice id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Body">Its text.</param>
/// <param name="Scope">The buildings it concerns; empty for the whole compound.</param>
/// <param name="Attachments">Attached documents.</param>
/// <param name="PublishedAt">When published.</param>
/// <param name="LogIndex">The log entry.</param>
/// <param name="Read">Whether the signed-in owner has opened it (false for staff).</param>
public sealed record NoticeView(string Id, string Title, string Body, IReadOnlyList<string> Scope, IReadOnlyList<MatterDocument> Attachments, DateTimeOffset PublishedAt, long LogIndex, bool Read);

/// <summary>How many of a building's owners have opened a notice.</summary>
/// <param name="Building">The building.</param>
/// <param name="Read">Owners of units in it who opened the notice.</param>
/// <param name="Owners">Owners of units in it (JI art. 9: an owner counts once per building).</param>
public sealed record BuildingReads(string Building, int Read, int Owners);

/// <summary>A notice with its read receipts, for officers.</summary>
/// <param name="Notice">The notice.</param>
/// <param name="Buildings">Counts per building concerned.</param>
public sealed record NoticeReceipts(NoticeView Notice, IReadOnlyList<BuildingReads> Buildings);

/// <summary>
/// Notices (通知公告, issue 7 part 6): published as <see cref="NoticePublished"/> log entries by the
/// committee or officers; each owner sees the notices of the compound and of the buildings where
/// they own a unit; opening one records a read receipt, which officers see as counts per building
/// (never who: the counts are what the committee needs to decide whom to visit).
/// </summary>
public sealed class NoticeBoard(OwnersVoteDb db, EventLog log, DocumentStore documents, TimeProvider time)
{
    /// <summary>The notices concerning a signed-in owner, newest first.</summary>
    public async Task<IReadOnlyList<NoticeView>> ForOwnerAsync(OwnerSession owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        HashSet<string> buildings = await BuildingsOfAsync(owner, cancellationToken);
        HashSet<string> read = [.. await db.NoticeReads.AsNoTracking()
            .Where(r => r.CompoundId == owner.CompoundId && r.OwnerHash == owner.OwnerHash).Select(r => r.NoticeId).ToListAsync(cancellationToken)];
        List<NoticeRow> rows = await db.Notices.AsNoTracking().Where(n => n.CompoundId == owner.CompoundId).ToListAsync(cancellationToken);
        return [.. rows.Select(r => View(r, read.Contains(r.Id))).Where(n => Concerns(n, buildings)).OrderByDescending(n => n.LogIndex)];
    }

    /// <summary>
    /// Opens a notice for a signed-in owner and records their read receipt; null if the compound
    /// has no such notice or it does not concern them.
    /// </summary>
    public async Task<NoticeView?> OpenAsync(OwnerSession owner, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        NoticeRow? row = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.CompoundId == owner.CompoundId && n.Id == id, cancellationToken);
        if (row is null || owner.OwnerHash is not { } hash || !Concerns(View(row, false), await BuildingsOfAsync(owner, cancellationToken)))
        {
            return null;
        }

        if (!await db.NoticeReads.AnyAsync(r => r.CompoundId == owner.CompoundId && r.NoticeId == id && r.OwnerHash == hash, cancellationToken))
        {
            db.NoticeReads.Add(new NoticeReadRow { CompoundId = owner.CompoundId, NoticeId = id, OwnerHash = hash, ReadAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same owner opened it twice at once: the other request recorded the receipt.
                // Anything else is not handled here.
                db.ChangeTracker.Clear();
                if (!await db.NoticeReads.AsNoTracking().AnyAsync(r => r.CompoundId == owner.CompoundId && r.NoticeId == id && r.OwnerHash == hash, cancellationToken))
                {
                    throw;
                }
            }
        }

        return View(row, true);
    }

    /// <summary>Every notice of a compound with its read counts per building concerned, newest first.</summary>
    public async Task<IReadOnlyList<NoticeReceipts>> ReceiptsAsync(string compoundId, CancellationToken cancellationToken)
    {
        // Owners per building: the union of the frozen rolls (an owner once per building).
        var owned = (await db.Units.AsNoTracking().Where(u => u.CompoundId == compoundId)
            .Select(u => new { u.BuildingId, u.OwnerHash }).Distinct().ToListAsync(cancellationToken))
            .Select(u => (u.BuildingId, u.OwnerHash)).Distinct().ToList();
        ILookup<string, string> ownersOf = owned.ToLookup(u => u.BuildingId, u => u.OwnerHash);
        ILookup<string, string> readers = (await db.NoticeReads.AsNoTracking().Where(r => r.CompoundId == compoundId).ToListAsync(cancellationToken))
            .ToLookup(r => r.NoticeId, r => r.OwnerHash);
        List<NoticeRow> rows = await db.Notices.AsNoTracking().Where(n => n.CompoundId == compoundId).ToListAsync(cancellationToken);
        string[] allBuildings = [.. ownersOf.Select(g => g.Key).Order(Results.NaturalUnitOrder.Instance)];
        return [.. rows.OrderByDescending(r => r.LogIndex).Select(r =>
        {
            NoticeView notice = View(r, false);
            HashSet<string> read = [.. readers[r.Id]];
            IEnumerable<string> buildings = notice.Scope.Count == 0 ? allBuildings : notice.Scope;
            return new NoticeReceipts(notice, [.. buildings.Select(b => new BuildingReads(b, ownersOf[b].Count(read.Contains), ownersOf[b].Count()))]);
        })];
    }

    /// <summary>The longest text the notice form takes: in Chinese (3 bytes a character), with title and attachments, within one log entry.</summary>
    public const int MaxBodyLength = 15_000;

    /// <summary>Publishes a notice: stores the attachments by hash and appends <see cref="NoticePublished"/>.</summary>
    /// <returns>The log entry's index.</returns>
    /// <exception cref="ArgumentException">Empty title or body, or a building not on the compound's rolls.</exception>
    /// <exception cref="NoticeTooLargeException">The notice is larger than one log entry holds; nothing was logged.</exception>
    public async Task<(NoticePublished Notice, long LogIndex)> PublishAsync(
        OwnerSession publisher, string title, string body, IReadOnlyList<string> scope, IReadOnlyList<UploadedFile> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(attachments);
        HashSet<string> known = [.. await db.Buildings.AsNoTracking().Where(b => b.CompoundId == publisher.CompoundId).Select(b => b.Id).ToListAsync(cancellationToken)];
        if (scope.FirstOrDefault(b => !known.Contains(b)) is { } unknown)
        {
            throw new ArgumentException($"Building {unknown} is not on the rolls of compound {publisher.CompoundId}.", nameof(scope));
        }

        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(body))
        {
            throw new ArgumentException("A notice has a title and a text.", nameof(title));
        }

        var pinned = new List<MatterDocument>();
        foreach (UploadedFile a in attachments.Where(a => a.Content.Length > 0).DistinctBy(a => Path.GetFileName(a.Name)).OrderBy(a => Path.GetFileName(a.Name), StringComparer.Ordinal))
        {
            pinned.Add(new MatterDocument(Path.GetFileName(a.Name), await documents.PutAsync(a.Content, cancellationToken)));
        }

        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        var notice = new NoticePublished(
            publisher.CompoundId, now, $"{publisher.Role}:{publisher.StaffId ?? publisher.OwnerHash}", $"n-{now:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}"[..30],
            title.Trim(), body.Trim(), [.. scope.Distinct().Order(StringComparer.Ordinal).Select(b => new BuildingId(b))], pinned);
        // One notice is one log entry (c2sp.org/tlog-tiles: at most 65,535 bytes); the log refuses a
        // larger one before anything is queued.
        try
        {
            var appended = await log.AppendAsync(notice, cancellationToken);
            return (notice, appended.Index);
        }
        catch (EntryTooLargeException e)
        {
            throw new NoticeTooLargeException($"The notice is larger than one log entry holds ({EntryBundle.MaxEntrySize} bytes).", e);
        }
    }

    private async Task<HashSet<string>> BuildingsOfAsync(OwnerSession owner, CancellationToken cancellationToken) =>
        [.. await db.Units.AsNoTracking().Where(u => u.CompoundId == owner.CompoundId && u.OwnerHash == owner.OwnerHash)
            .Select(u => u.BuildingId).Distinct().ToListAsync(cancellationToken)];

    private static bool Concerns(NoticeView notice, HashSet<string> buildings) => notice.Scope.Count == 0 || notice.Scope.Any(buildings.Contains);

    private static NoticeView View(NoticeRow r, bool read) => new(
        r.Id, r.Title, r.Body, r.Scope.Length == 0 ? [] : r.Scope.Split('\n'), MoneyQuery.Documents(r.Attachments), r.PublishedAt, r.LogIndex, read);
}

/// <summary>A notice larger than one log entry holds: the text is too long (or too many attachments).</summary>
/// <param name="message">What was too large.</param>
/// <param name="innerException">The log's refusal.</param>
public sealed class NoticeTooLargeException(string message, Exception innerException) : ArgumentException(message, innerException);
