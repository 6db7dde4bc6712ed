using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Ledger;
using OwnersVote.Paper;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Paper;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Projections;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 5: a server stop inside a paper approval. One sheet's <c>PaperBallotRecorded</c> reached the
/// log but its review item was never marked (the stop fell between the append and the row update);
/// another's serial was claimed but nothing was appended. The restarted app settles both from the
/// log: the first is recorded with its entry's index, the second goes back to approval and is then
/// recorded once.
/// </summary>
public sealed class PaperRecordingCrashTests
{
    private const string Lift = DemoSeeder.LiftVoteId;

    private static readonly OwnerSession s_wang = new(DemoSeeder.CompoundId, Roles.Officer, null, "officer:wang");
    private static readonly OwnerSession s_zhao = new(DemoSeeder.CompoundId, Roles.Officer, null, "officer:zhao");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_marks_a_logged_approval_recorded_and_returns_an_unlogged_one_to_approval()
    {
        string folder = Directory.CreateTempSubdirectory("ov-e2e-paper-crash-").FullName;
        try
        {
            string logged;
            string unlogged;
            string loggedSerial;
            string unloggedSerial;
            long index;
            await using (var before = new SqliteAppOver(folder))
            {
                await before.InitializeAsync();
                string[] units = await UnitsAsync(before);
                (logged, loggedSerial) = await ConfirmedSheetAsync(before, units[0], PaperChoice.No, seed: 11);
                (unlogged, unloggedSerial) = await ConfirmedSheetAsync(before, units[1], PaperChoice.Yes, seed: 12);

                using IServiceScope scope = before.Services.CreateScope();
                OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
                // Both approvals claimed their serial, as PaperReview's claim does ...
                foreach ((string item, string serial) in new[] { (logged, loggedSerial), (unlogged, unloggedSerial) })
                {
                    Assert.Equal(1, await db.PaperScans
                        .Where(s => s.Id == item && s.State == PaperScanStates.Confirmed)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, PaperScanStates.Recording).SetProperty(x => x.ApprovedBy, "officer:zhao").SetProperty(x => x.ClaimedSerial, serial), Cancel));
                }

                // ... and only the first reached the log before the stop: its row is never updated.
                PaperScanRow row = await db.PaperScans.AsNoTracking().SingleAsync(s => s.Id == logged, Cancel);
                PaperSerialRow issued = await db.PaperSerials.AsNoTracking().SingleAsync(p => p.MatterId == Lift && p.Serial == loggedSerial, Cancel);
                index = (await scope.ServiceProvider.GetRequiredService<EventLog>().AppendAsync(
                    new PaperBallotRecorded(
                        DemoSeeder.CompoundId, Lift, EventTime.Truncate(DateTimeOffset.UtcNow), "officer:zhao", issued.OwnerId, issued.Units.Split('\n'),
                        loggedSerial, [new BallotAnswer("q1", Choice.No)], row.ImageSha256, ["officer:wang", "officer:zhao"], Counts: true),
                    Cancel)).Index;
                Assert.Equal(PaperScanStates.Recording, (await db.PaperScans.AsNoTracking().SingleAsync(s => s.Id == logged, Cancel)).State);
            }

            await using var after = new SqliteAppOver(folder);
            await after.InitializeAsync();
            PaperScanRow settled = await RowAsync(after, logged);
            Assert.Equal((PaperScanStates.Recorded, (long?)index, (string?)null), (settled.State, settled.LogIndex, settled.Superseded));
            PaperScanRow returned = await RowAsync(after, unlogged);
            Assert.Equal((PaperScanStates.Confirmed, (string?)null, (string?)null), (returned.State, returned.ApprovedBy, returned.ClaimedSerial));
            Assert.Equal("officer:wang", returned.ConfirmedBy);

            // The recorded one cannot be approved again; the returned one is approved and recorded once.
            using IServiceScope check = after.Services.CreateScope();
            PaperReview review = check.ServiceProvider.GetRequiredService<PaperReview>();
            Assert.Equal(ReviewRefusal.NotWaiting, (await review.ApproveAsync(s_zhao, Lift, logged, Cancel)).Refused);
            ReviewOutcome approved = await review.ApproveAsync(s_zhao, Lift, unlogged, Cancel);
            Assert.Null(approved.Refused);
            List<PaperBallotRecorded> recorded = [.. (await LogAsync(after)).OfType<PaperBallotRecorded>()];
            Assert.Single(recorded, r => r.Serial == loggedSerial);
            Assert.Equal(Choice.Yes, Assert.Single(recorded, r => r.Serial == unloggedSerial).Answers[0].Choice);
            Assert.Equal(PaperScanStates.Recorded, (await RowAsync(after, unlogged)).State);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // Two units of building 57 whose owners have not voted online.
    private static async Task<string[]> UnitsAsync(OwnersVoteApp app)
    {
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<string> voted = await db.Ballots.Where(b => b.MatterId == Lift && b.Channel == Projector.Online).Select(b => b.OwnerId).ToListAsync(Cancel);
        List<UnitRow> units = await db.Units.Where(u => u.VoteId == Lift && u.BuildingId == "57").ToListAsync(Cancel);
        return [.. units.Where(u => !voted.Contains(u.OwnerId)).Select(u => u.Id).Order(StringComparer.Ordinal).Take(2)];
    }

    // A sheet issued for the unit, marked and signed, uploaded and confirmed by a first officer.
    private static async Task<(string Item, string Serial)> ConfirmedSheetAsync(OwnersVoteApp app, string unit, PaperChoice choice, int seed)
    {
        using IServiceScope scope = app.Services.CreateScope();
        PrintOutcome printed = await scope.ServiceProvider.GetRequiredService<PaperPrinting>().ReissueAsync(s_wang, Lift, unit, Cancel);
        Assert.Null(printed.Refused);
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<PaperSerialRow> current = await db.PaperSerials.AsNoTracking().Where(p => p.MatterId == Lift && !p.Voided).ToListAsync(Cancel);
        string serial = Assert.Single(current, p => p.Units.Split('\n').Contains(unit)).Serial;
        byte[] png = PaperSheets.Fill((await PaperSheets.RasteriseAsync(printed.Pdf!))[0], [choice], sign: true, seed: seed);
        UploadOutcome uploaded = (await scope.ServiceProvider.GetRequiredService<PaperScanning>().UploadAsync(s_wang, Lift, [new UploadedFile("scan.png", png)], Cancel))!;
        string item = Assert.Single(uploaded.Pages).Id;
        string answer = choice == PaperChoice.Yes ? "yes" : "no";
        Assert.Null((await scope.ServiceProvider.GetRequiredService<PaperReview>().ConfirmAsync(s_wang, Lift, item, new Dictionary<string, string> { ["q1"] = answer }, signed: true, Cancel)).Refused);
        return (item, serial);
    }

    private static async Task<PaperScanRow> RowAsync(OwnersVoteApp app, string item)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().PaperScans.AsNoTracking().SingleAsync(s => s.Id == item, Cancel);
    }

    private static async Task<List<LedgerEvent>> LogAsync(OwnersVoteApp app)
    {
        using HttpClient client = app.CreateApiClient();
        NoteVerifier key = NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        var entries = new List<LedgerEvent>();
        await LogAuditor.AuditAsync(new HttpTileStore(client), key, [], 0, (_, entry) => entries.Add(EventCodec.Decode(entry.ToArray())), Cancel);
        return entries;
    }
}
