using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Ledger;
using OwnersVote.Paper;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Paper;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Projections;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The paper review queue's rules on the real app (SQLite), through its services as the pages call
/// them: two-person rule, forged codes refused, a serial recorded once (also when two officers
/// approve at once, issue 10's race), re-issue voids, and the online ballot standing over paper.
/// </summary>
public sealed class PaperReviewTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Lift = DemoSeeder.LiftVoteId;

    private static readonly OwnerSession s_wang = Officer("officer:wang");
    private static readonly OwnerSession s_zhao = Officer("officer:zhao");
    private static readonly OwnerSession s_chen = Officer("officer:chen");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_officer_who_confirmed_a_sheet_cannot_approve_it_and_a_second_officer_records_it()
    {
        string unit = (await UnitsAsync(votedOnline: false))[0];
        (byte[] pdf, string serial) = await IssueAsync(unit);
        string item = await UploadOneAsync(PaperSheets.Fill((await PaperSheets.RasteriseAsync(pdf))[0], [PaperChoice.No], sign: true, seed: 1));

        Assert.Null((await ConfirmAsync(s_wang, item, "no")).Refused);
        Assert.Equal(ReviewRefusal.SameOfficer, (await ApproveAsync(s_wang, item)).Refused);
        Assert.Empty(await RecordedAsync(serial));

        ReviewOutcome approved = await ApproveAsync(s_zhao, item);

        Assert.Null(approved.Refused);
        Assert.Null(approved.Superseded);
        PaperBallotRecorded recorded = Assert.Single(await RecordedAsync(serial));
        Assert.Equal(["officer:wang", "officer:zhao"], recorded.Officers);
        Assert.Equal("officer:zhao", recorded.Actor);
        Assert.Equal([new Voting.Signing.BallotAnswer("q1", Choice.No)], recorded.Answers);
        Assert.True(recorded.Counts);
        Assert.Equal(approved.LogIndex, await LogIndexOfAsync(recorded));
        using IServiceScope scope = app.Services.CreateScope();
        PaperScanRow row = await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().PaperScans.SingleAsync(s => s.Id == item, Cancel);
        Assert.Equal(row.ImageSha256, recorded.Scan);
        Assert.Equal(PaperScanStates.Recorded, row.State);
        // The stored image is the one the log names.
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ScanStore>().GetAsync(recorded.Scan, Cancel));
        BallotRow ballot = await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Ballots.SingleAsync(b => b.MatterId == Lift && b.BallotId == serial, Cancel);
        Assert.True(ballot.Counts);
        Assert.Equal(Projector.Paper, ballot.Channel);
    }

    [Fact]
    public async Task A_sheet_whose_QR_code_is_forged_is_refused_and_can_be_neither_confirmed_nor_approved()
    {
        string unit = (await UnitsAsync(votedOnline: false))[1];
        (_, string serial) = await IssueAsync(unit);
        // The serial and unit of a genuine sheet, but a MAC under a key that is not the vote's.
        var matter = new BallotMatter("景城品雅苑", "电梯维修", "伪造的表决票", null, ["是否同意？"]);
        using var forged = new MemoryStream();
        BallotRenderer.Render(matter, [new BallotSheet("57", null, "—", new BallotCode(Lift, unit, serial))], BallotKey.Generate(), forged);
        string item = await UploadOneAsync(PaperSheets.Fill((await PaperSheets.RasteriseAsync(forged.ToArray()))[0], [PaperChoice.Yes], sign: true, seed: 2));

        PaperScanRow row = await RowAsync(item);
        Assert.Equal(PaperScanStates.Refused, row.State);
        Assert.Equal(ReviewCodes.MacMismatch, row.Refusal);
        Assert.Null(row.UnitId);
        Assert.Null(row.Serial);
        Assert.Equal(ReviewRefusal.SheetRefused, (await ConfirmAsync(s_wang, item, "yes")).Refused);
        Assert.Equal(ReviewRefusal.SheetRefused, (await ApproveAsync(s_zhao, item)).Refused);
        Assert.Empty(await RecordedAsync(serial));
    }

    [Fact]
    public async Task A_serial_scanned_twice_is_recorded_once()
    {
        string unit = (await UnitsAsync(votedOnline: false))[2];
        (byte[] pdf, string serial) = await IssueAsync(unit);
        byte[] scan = PaperSheets.Fill((await PaperSheets.RasteriseAsync(pdf))[0], [PaperChoice.Yes], sign: true, seed: 3);
        string first = await UploadOneAsync(scan);
        string second = await UploadOneAsync(scan);

        Assert.Contains(StoredReading.Parse((await RowAsync(second)).Reading).Reasons, r => r.Code == ReviewCodes.DuplicateSerial);
        Assert.Null((await ConfirmAsync(s_wang, first, "yes")).Refused);
        Assert.Null((await ConfirmAsync(s_wang, second, "yes")).Refused);
        Assert.Null((await ApproveAsync(s_zhao, first)).Refused);
        Assert.Equal(ReviewRefusal.DuplicateSerial, (await ApproveAsync(s_zhao, second)).Refused);

        Assert.Single(await RecordedAsync(serial));
        Assert.Equal(PaperScanStates.Duplicate, (await RowAsync(second)).State);
        // A third copy, uploaded after the recording, is marked a duplicate at once.
        string third = await UploadOneAsync(scan);
        Assert.Equal(PaperScanStates.Duplicate, (await RowAsync(third)).State);
    }

    [Fact]
    public async Task Officers_approving_one_serial_at_once_record_exactly_one_PaperBallotRecorded()
    {
        string unit = (await UnitsAsync(votedOnline: false))[3];
        (byte[] pdf, string serial) = await IssueAsync(unit);
        GreyImage page = (await PaperSheets.RasteriseAsync(pdf))[0];
        // Two copies of one sheet (scanned twice, slightly differently), each confirmed.
        string a = await UploadOneAsync(PaperSheets.Fill(page, [PaperChoice.Abstain], sign: true, seed: 4));
        string b = await UploadOneAsync(PaperSheets.Fill(page, [PaperChoice.Abstain], sign: true, seed: 5));
        Assert.Null((await ConfirmAsync(s_wang, a, "abstain")).Refused);
        Assert.Null((await ConfirmAsync(s_wang, b, "abstain")).Refused);

        ReviewOutcome[] outcomes = await Task.WhenAll(
            Task.Run(() => ApproveAsync(s_zhao, a), Cancel),
            Task.Run(() => ApproveAsync(s_chen, a), Cancel),
            Task.Run(() => ApproveAsync(s_zhao, b), Cancel),
            Task.Run(() => ApproveAsync(s_chen, b), Cancel));

        ReviewOutcome winner = Assert.Single(outcomes, o => o.Refused is null);
        Assert.NotNull(winner.LogIndex);
        Assert.All(outcomes.Where(o => o != winner), o => Assert.Contains(o.Refused, new ReviewRefusal?[] { ReviewRefusal.NotWaiting, ReviewRefusal.DuplicateSerial }));
        PaperBallotRecorded recorded = Assert.Single(await RecordedAsync(serial));
        Assert.Equal(winner.LogIndex, await LogIndexOfAsync(recorded));
        string[] states = [(await RowAsync(a)).State, (await RowAsync(b)).State];
        Assert.Equal([PaperScanStates.Duplicate, PaperScanStates.Recorded], states.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reissuing_a_ballot_voids_the_earlier_serial_whose_sheet_is_then_refused()
    {
        string unit = (await UnitsAsync(votedOnline: false))[4];
        (byte[] firstPdf, string firstSerial) = await IssueAsync(unit);
        (byte[] secondPdf, string secondSerial) = await IssueAsync(unit);
        Assert.NotEqual(firstSerial, secondSerial);

        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            Assert.True((await db.PaperSerials.SingleAsync(p => p.MatterId == Lift && p.Serial == firstSerial, Cancel)).Voided);
            Assert.False((await db.PaperSerials.SingleAsync(p => p.MatterId == Lift && p.Serial == secondSerial, Cancel)).Voided);
        }

        string old = await UploadOneAsync(PaperSheets.Fill((await PaperSheets.RasteriseAsync(firstPdf))[0], [PaperChoice.Yes], sign: true, seed: 6));
        string current = await UploadOneAsync(PaperSheets.Fill((await PaperSheets.RasteriseAsync(secondPdf))[0], [PaperChoice.Yes], sign: true, seed: 7));

        PaperScanRow oldRow = await RowAsync(old);
        Assert.Equal(PaperScanStates.Refused, oldRow.State);
        Assert.Equal(PaperScanning.SerialVoided, oldRow.Refusal);
        Assert.Equal(unit, oldRow.UnitId);
        Assert.Equal(PaperScanStates.Pending, (await RowAsync(current)).State);
    }

    [Fact]
    public async Task An_owner_who_also_voted_online_keeps_the_online_ballot_and_the_paper_one_is_recorded_as_superseded()
    {
        string unit = (await UnitsAsync(votedOnline: true))[0];
        (byte[] pdf, string serial) = await IssueAsync(unit);
        string item = await UploadOneAsync(PaperSheets.Fill((await PaperSheets.RasteriseAsync(pdf))[0], [PaperChoice.No], sign: true, seed: 8));
        Assert.Null((await ConfirmAsync(s_wang, item, "no")).Refused);

        ReviewOutcome approved = await ApproveAsync(s_zhao, item);

        Assert.Equal(PaperReview.OnlineWinsOverPaper, approved.Superseded);
        PaperBallotRecorded recorded = Assert.Single(await RecordedAsync(serial));
        Assert.False(recorded.Counts);
        Assert.Equal(PaperReview.OnlineWinsOverPaper, (await RowAsync(item)).Superseded);
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        Assert.False((await db.Ballots.SingleAsync(b => b.MatterId == Lift && b.BallotId == serial, Cancel)).Counts);
        string owner = await db.Units.Where(u => u.VoteId == Lift && u.Id == unit).Select(u => u.OwnerId).SingleAsync(Cancel);
        Assert.True(await db.Ballots.AnyAsync(b => b.MatterId == Lift && b.OwnerId == owner && b.Channel == Projector.Online && b.Counts, Cancel));
    }

    [Fact]
    public async Task An_unsigned_sheet_is_recorded_with_every_answer_invalid_and_a_bad_file_stores_nothing()
    {
        string unit = (await UnitsAsync(votedOnline: false))[5];
        (byte[] pdf, string serial) = await IssueAsync(unit);
        string item = await UploadOneAsync(PaperSheets.Fill((await PaperSheets.RasteriseAsync(pdf))[0], [PaperChoice.Yes], sign: false, seed: 9));
        Assert.Contains(StoredReading.Parse((await RowAsync(item)).Reading).Reasons, r => r.Code == ReviewCodes.NoSignature);
        Assert.Equal(ReviewRefusal.BadAnswers, (await ConfirmAsync(s_wang, item, "maybe")).Refused);

        using (IServiceScope scope = app.Services.CreateScope())
        {
            Assert.Null((await scope.ServiceProvider.GetRequiredService<PaperReview>().ConfirmAsync(s_wang, Lift, item, new Dictionary<string, string> { ["q1"] = "yes" }, signed: false, Cancel)).Refused);
        }

        Assert.Null((await ApproveAsync(s_zhao, item)).Refused);
        Assert.Equal([new Voting.Signing.BallotAnswer("q1", Choice.Invalid)], Assert.Single(await RecordedAsync(serial)).Answers);

        // One good file and one that is no image: the upload fails as a whole.
        int before = await CountScansAsync();
        UploadOutcome failed = await UploadAsync([new UploadedFile("good.png", PaperSheets.Fill((await PaperSheets.RasteriseAsync(pdf))[0], [PaperChoice.Yes], true, 10)), new UploadedFile("notes.txt", "not a scan"u8.ToArray())]);
        Assert.Equal("notes.txt", failed.FailedFile);
        Assert.Empty(failed.Pages);
        Assert.Equal(before, await CountScansAsync());
    }

    private static OwnerSession Officer(string staff) => new(DemoSeeder.CompoundId, Roles.Officer, null, staff);

    private async Task<List<string>> UnitsAsync(bool votedOnline)
    {
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<string> voted = await db.Ballots.Where(b => b.MatterId == Lift && b.Channel == Projector.Online).Select(b => b.OwnerId).ToListAsync(Cancel);
        List<UnitRow> units = await db.Units.Where(u => u.VoteId == Lift && u.BuildingId == "57").ToListAsync(Cancel);
        return [.. units.Where(u => voted.Contains(u.OwnerId) == votedOnline).Select(u => u.Id).Order(StringComparer.Ordinal)];
    }

    private async Task<(byte[] Pdf, string Serial)> IssueAsync(string unit)
    {
        using IServiceScope scope = app.Services.CreateScope();
        PrintOutcome printed = await scope.ServiceProvider.GetRequiredService<PaperPrinting>().ReissueAsync(s_wang, Lift, unit, Cancel);
        Assert.Null(printed.Refused);
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<PaperSerialRow> current = await db.PaperSerials.Where(p => p.MatterId == Lift && !p.Voided).ToListAsync(Cancel);
        return (printed.Pdf!, Assert.Single(current, p => p.Units.Split('\n').Contains(unit)).Serial);
    }

    private async Task<UploadOutcome> UploadAsync(IReadOnlyList<UploadedFile> files)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<PaperScanning>().UploadAsync(s_wang, Lift, files, Cancel))!;
    }

    private async Task<string> UploadOneAsync(byte[] png)
    {
        UploadOutcome outcome = await UploadAsync([new UploadedFile("scan.png", png)]);
        Assert.Null(outcome.Error);
        return Assert.Single(outcome.Pages).Id;
    }

    private async Task<ReviewOutcome> ConfirmAsync(OwnerSession officer, string item, string answer)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PaperReview>().ConfirmAsync(officer, Lift, item, new Dictionary<string, string> { ["q1"] = answer }, signed: true, Cancel);
    }

    private async Task<ReviewOutcome> ApproveAsync(OwnerSession officer, string item)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PaperReview>().ApproveAsync(officer, Lift, item, Cancel);
    }

    private async Task<PaperScanRow> RowAsync(string item)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().PaperScans.AsNoTracking().SingleAsync(s => s.Id == item, Cancel);
    }

    private async Task<int> CountScansAsync()
    {
        using IServiceScope scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().PaperScans.CountAsync(Cancel);
    }

    // The log as anyone downloads it (c2sp.org/tlog-tiles over HTTP), audited against its key.
    private async Task<List<(long Index, LedgerEvent Event)>> LogAsync()
    {
        using HttpClient client = app.CreateApiClient();
        NoteVerifier key = NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        var entries = new List<(long, LedgerEvent)>();
        await LogAuditor.AuditAsync(new HttpTileStore(client), key, [], 0, (index, entry) => entries.Add((index, EventCodec.Decode(entry.ToArray()))), Cancel);
        return entries;
    }

    private async Task<List<PaperBallotRecorded>> RecordedAsync(string serial) =>
        [.. (await LogAsync()).Select(e => e.Event).OfType<PaperBallotRecorded>().Where(r => r.Serial == serial)];

    private async Task<long> LogIndexOfAsync(PaperBallotRecorded recorded) =>
        (await LogAsync()).Single(e => e.Event is PaperBallotRecorded r && r.Serial == recorded.Serial).Index;
}
