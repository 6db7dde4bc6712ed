using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Paper;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Features.Paper;

/// <summary>An uploaded file: its name as sent and its bytes.</summary>
public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>One page put in the review queue.</summary>
/// <param name="Id">The queue item.</param>
/// <param name="FileName">The file it came from.</param>
/// <param name="Page">The page within the file, from 1.</param>
/// <param name="State">A <see cref="PaperScanStates"/> value.</param>
/// <param name="ReadClearly">The scanner read every step clearly.</param>
/// <param name="Refusal">Why it can never be recorded, or null.</param>
/// <param name="UnitId">The authenticated code's unit, or null.</param>
public sealed record QueuedPage(string Id, string FileName, int Page, string State, bool ReadClearly, string? Refusal, string? UnitId);

/// <summary>The pages queued, or the file that made the whole upload fail (nothing is stored then).</summary>
/// <param name="Pages">The queued pages, in file and page order; empty when failed.</param>
/// <param name="FailedFile">The file that could not be read, or null.</param>
/// <param name="Error">Why, or null.</param>
public sealed record UploadOutcome(IReadOnlyList<QueuedPage> Pages, string? FailedFile, string? Error);

/// <summary>
/// Officers upload returned sheets (DESIGN.md §2 "Paper ballots"; issue 5): PNG, JPEG, TIFF (any
/// number of pages) or PDF (rasterised by <c>pdftoppm</c>, as <c>ov paper scan</c> does). Every
/// page is read by <see cref="SheetScanner"/> against the vote's key and the serials the log has
/// issued, its image stored by SHA-256 (<see cref="ScanStore"/>), and a review-queue item created.
/// Every file is decoded and read before anything is stored, and the items are saved in one
/// transaction: a bad file fails the whole upload and leaves nothing behind.
/// </summary>
public sealed class PaperScanning(OwnersVoteDb db, ScanStore store, IOptions<PaperOptions> options, TimeProvider time)
{
    /// <summary>The log never issued the serial (VoteReplay's code).</summary>
    public const string SerialNotIssued = "serial-not-issued";

    /// <summary>A later sheet was issued for the owner, voiding this one (VoteReplay's code).</summary>
    public const string SerialVoided = "serial-voided";

    /// <summary>The code's unit is not on the sheet issued with that serial (VoteReplay's code).</summary>
    public const string NotAsIssued = "not-as-issued";

    /// <summary>Reads and queues the pages of <paramref name="files"/>; null when the vote is not the officer's compound's.</summary>
    public async Task<UploadOutcome?> UploadAsync(OwnerSession officer, string voteId, IReadOnlyList<UploadedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(files);
        string actor = officer.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id; officers sign in with their own invitation.");
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == voteId && m.CompoundId == officer.CompoundId, cancellationToken);
        if (matter is null)
        {
            return null;
        }

        if (files.Count == 0)
        {
            return new UploadOutcome([], null, "no-file");
        }

        // Decode everything first: one unreadable file and nothing is stored.
        var pages = new List<(UploadedFile File, int Page, GreyImage Image)>();
        foreach (UploadedFile file in files)
        {
            try
            {
                IReadOnlyList<GreyImage> images = ScanDecoder.Detect(file.Content) switch
                {
                    ScanFormat.Pdf => await PdfRasterizer.RasterizeAsync(file.Content, options.Value.PdfDpi, cancellationToken),
                    ScanFormat.Png or ScanFormat.Jpeg or ScanFormat.Tiff => ScanDecoder.Decode(file.Content),
                    _ => throw new UnreadableScanException("not a PNG, JPEG, TIFF or PDF file"),
                };
                pages.AddRange(images.Select((image, i) => (file, i + 1, image)));
            }
            catch (UnreadableScanException e)
            {
                return new UploadOutcome([], file.Name, e.Message);
            }
        }

        BallotKey key = await BallotKeyFile.ReadOrCreateAsync(store.KeyPath(voteId), cancellationToken);
        int questions = matter.Questions.Split('\n').Length;
        Dictionary<string, PaperSerialRow> issued = await db.PaperSerials.AsNoTracking()
            .Where(p => p.MatterId == voteId)
            .ToDictionaryAsync(p => p.Serial, StringComparer.Ordinal, cancellationToken);
        var recorded = new HashSet<string>(
            await db.Ballots.AsNoTracking().Where(b => b.MatterId == voteId && b.Channel == Projector.Paper).Select(b => b.BallotId).ToListAsync(cancellationToken),
            StringComparer.Ordinal);
        // Serials already waiting in the queue: another copy goes to review as a duplicate.
        var queued = new HashSet<string>(
            await db.PaperScans.AsNoTracking()
                .Where(s => s.MatterId == voteId && s.Serial != null && (s.State == PaperScanStates.Pending || s.State == PaperScanStates.Confirmed || s.State == PaperScanStates.Recording))
                .Select(s => s.Serial!)
                .ToListAsync(cancellationToken),
            StringComparer.Ordinal);

        // The serial check of DESIGN.md §2 ("verify MAC, vote, serial unused").
        var context = new ScanContext(voteId, key, code =>
            !issued.TryGetValue(code.Serial, out PaperSerialRow? row) ? SerialNotIssued
            : row.Voided ? SerialVoided
            : !row.Units.Split('\n').Contains(code.UnitId, StringComparer.Ordinal) ? NotAsIssued
            : null,
            questions);

        DateTimeOffset now = time.GetUtcNow();
        var rows = new List<PaperScanRow>();
        var written = new List<string>();
        bool saved = false;
        try
        {
            foreach ((UploadedFile file, int page, GreyImage image) in pages)
            {
                SheetReading reading = SheetScanner.Scan(image, context);
                string? serial = reading.Code?.Serial;
                string? refusal = Refusal(reading);
                string state = refusal is not null ? PaperScanStates.Refused
                    : recorded.Contains(serial!) ? PaperScanStates.Duplicate
                    : PaperScanStates.Pending;
                if (state == PaperScanStates.Pending && !queued.Add(serial!))
                {
                    reading = reading.WithReason(new ReviewReason(ReviewCodes.DuplicateSerial, $"serial {serial} is already in the review queue"));
                }

                (string sha, bool created) = await store.PutAsync(ScanImage.ToPng(image), cancellationToken);
                if (created)
                {
                    written.Add(sha);
                }

                rows.Add(new PaperScanRow
                {
                    Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
                    CompoundId = matter.CompoundId,
                    MatterId = voteId,
                    FileName = file.Name,
                    Page = page,
                    ImageSha256 = sha,
                    UploadSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content)),
                    ImageWidth = image.Width,
                    ImageHeight = image.Height,
                    UploadedBy = actor,
                    UploadedAt = now,
                    State = state,
                    ReadClearly = reading.Status == SheetStatus.Accepted,
                    Refusal = refusal,
                    UnitId = refusal is null || reading.Code?.VoteId == voteId ? reading.Code?.UnitId : null,
                    Serial = refusal is null ? serial : null,
                    Reading = StoredReading.From(reading, questions).ToJson(),
                });
            }

            db.PaperScans.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            saved = true;
        }
        finally
        {
            if (!saved)
            {
                // Nothing half-written: the images this upload added go with the rows that failed.
                foreach (string sha in written)
                {
                    store.Delete(sha);
                }
            }
        }

        return new UploadOutcome([.. rows.Select(r => new QueuedPage(r.Id, r.FileName, r.Page, r.State, r.ReadClearly, r.Refusal, r.UnitId))], null, null);
    }

    // A sheet that can never be recorded: no authentic code of this vote, or a serial the log
    // would reject (VoteReplay: serial-not-issued, serial-voided, not-as-issued).
    private static string? Refusal(SheetReading reading)
    {
        string[] refusing = [ReviewCodes.MacMismatch, ReviewCodes.QrMalformed, ReviewCodes.WrongVote, ReviewCodes.QrUnreadable, ReviewCodes.SerialRefused];
        ReviewReason? first = reading.Reasons.FirstOrDefault(r => refusing.Contains(r.Code));
        // A refused serial's detail is VoteReplay's code for it.
        return first is { Code: ReviewCodes.SerialRefused } ? first.Detail
            : first?.Code ?? (reading.Code is null ? ReviewCodes.QrUnreadable : null);
    }
}
