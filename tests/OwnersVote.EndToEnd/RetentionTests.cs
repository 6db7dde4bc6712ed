using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Enrolment;
using OwnersVote.Web.Features.Privacy;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>The app with retention sweeping every second (<c>Privacy:Retention:Interval</c>).</summary>
public sealed class SweepingApp() : SqliteAppOver(Directory.CreateTempSubdirectory("ov-e2e-retention-").FullName)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Privacy:Retention:Interval", "00:00:01");
        builder.UseSetting("Privacy:Retention:Invitations", "30.00:00:00");
    }

    protected override async ValueTask ReleaseDatabaseAsync()
    {
        await base.ReleaseDatabaseAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}

/// <summary>The hosted service runs the sweep on its own, as configured.</summary>
public sealed class RetentionServiceTests(SweepingApp app) : IClassFixture<SweepingApp>
{
    [Fact]
    public async Task The_running_server_removes_an_invitation_used_longer_ago_than_its_period()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string old = InvitationCode.Hash("SWPT-OLD2");
        string recent = InvitationCode.Hash("SWPT-NEW2");
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            foreach ((string hash, int days) in new[] { (old, 31), (recent, 29) })
            {
                db.Invitations.Add(new InvitationRow { CodeHash = hash, CompoundId = DemoSeeder.CompoundId, Role = "owner", OwnerId = new string('f', 64), IssuedBy = "officer:demo-1\nofficer:demo-2", ExpiresAt = now.AddDays(60), UsedAt = now.AddDays(-days) });
            }

            await db.SaveChangesAsync(cancel);
        }

        bool gone = false;
        // Every second, so at most 60 s even on a busy shared machine.
        for (int i = 0; i < 240 && !gone; i++)
        {
            await Task.Delay(250, cancel);
            using IServiceScope scope = app.Services.CreateScope();
            gone = !await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Invitations.AnyAsync(x => x.CodeHash == old, cancel);
        }

        Assert.True(gone, "the sweep did not run within 60 seconds");
        using IServiceScope check = app.Services.CreateScope();
        Assert.True(await check.ServiceProvider.GetRequiredService<OwnersVoteDb>().Invitations.AnyAsync(x => x.CodeHash == recent, cancel));
    }
}

/// <summary>
/// Retention (PIPL arts. 19, 47) on the real app's database, outbox and log: each kind goes after
/// its period and not before, each sweep removes at most its batch, and the log keeps everything.
/// </summary>
public sealed class RetentionTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_kind_goes_after_its_period_one_batch_per_sweep_and_the_log_keeps_everything()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string scans = Path.Combine(app.DataFolder, "scans");
        Directory.CreateDirectory(scans);
        string finalScan = new('a', 64);
        string openScan = new('b', 64);
        string unnamed = new('c', 64);
        foreach (string file in new[] { finalScan + ".png", finalScan + ".tiff", openScan + ".png", unnamed + ".png" })
        {
            await File.WriteAllBytesAsync(Path.Combine(scans, file), [1, 2, 3], Cancel);
        }

        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        EventLog log = scope.ServiceProvider.GetRequiredService<EventLog>();

        // A paper ballot of the closed vote, whose result was published 44 days ago, and one of the open vote.
        await RecordPaperAsync(log, db, DemoSeeder.ChargingVoteId, "57-201", finalScan, now);
        await RecordPaperAsync(log, db, DemoSeeder.LiftVoteId, "57-201", openScan, now);
        long logSize = log.TreeSize;

        // Invitations: two used and one expired longer ago than 30 days, one used recently, one still valid.
        string Hash(string label) => InvitationCode.Hash(label);
        db.Invitations.AddRange(
            Invitation(Hash("OLD1-USED"), now.AddDays(60), usedAt: now.AddDays(-31)),
            Invitation(Hash("OLD2-USED"), now.AddDays(60), usedAt: now.AddDays(-40)),
            Invitation(Hash("OLD3-GONE"), now.AddDays(-31), usedAt: null),
            Invitation(Hash("NEW1-USED"), now.AddDays(60), usedAt: now.AddDays(-29)),
            Invitation(Hash("NEW2-OPEN"), now.AddDays(5), usedAt: null));
        await db.SaveChangesAsync(Cancel);

        // Notices: two raised more than 90 days ago, one 89 days ago.
        OutboxNotifier outbox = scope.ServiceProvider.GetRequiredService<OutboxNotifier>();
        string owner = new('e', 64);
        foreach (int days in new[] { 120, 91, 89 })
        {
            await outbox.NotifyAsync(new OwnerNotice(DemoSeeder.CompoundId, owner, OwnerNotice.CredentialEnrolledTemplate, new Dictionary<string, string>(), now.AddDays(-days)), Cancel);
        }

        RetentionSweep sweep = Sweep(scope, new RetentionOptions
        {
            Outbox = TimeSpan.FromDays(90),
            Invitations = TimeSpan.FromDays(30),
            Scans = TimeSpan.FromDays(30),
            ScanDirectory = scans,
            BatchLimit = 2,
        }, now);

        Assert.Equal(new RetentionOutcome(2, 2, 2), await sweep.RunAsync(Cancel));
        Assert.Equal(new RetentionOutcome(0, 1, 0), await sweep.RunAsync(Cancel));
        Assert.Equal(new RetentionOutcome(0, 0, 0), await sweep.RunAsync(Cancel));

        Assert.Equal(
            [Hash("NEW1-USED"), Hash("NEW2-OPEN")],
            (await db.Invitations.AsNoTracking().Where(i => i.CompoundId == "retention-test").Select(i => i.CodeHash).ToListAsync(Cancel)).Order(StringComparer.Ordinal));
        // The demo's own invitations are valid for 90 days: kept.
        Assert.Equal(5, await db.Invitations.CountAsync(i => i.CompoundId == DemoSeeder.CompoundId, Cancel));
        IReadOnlyList<OwnerNotice> kept = await outbox.ReadAsync(DemoSeeder.CompoundId, owner, Cancel);
        Assert.Equal([now.AddDays(-89)], kept.Select(n => n.At));
        Assert.Equal([openScan + ".png", unnamed + ".png"], Directory.EnumerateFiles(scans).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The log and its projections are untouched: the scan's hash is still recorded.
        Assert.Equal(logSize, log.TreeSize);
        Assert.True(await db.Ballots.AnyAsync(b => b.Scan == finalScan, Cancel));
    }

    [Fact]
    public async Task A_period_of_zero_keeps_that_kind_for_ever()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        db.Invitations.Add(Invitation(InvitationCode.Hash("ZERO-KEEP"), now.AddDays(-400), usedAt: now.AddDays(-400)));
        await db.SaveChangesAsync(Cancel);

        RetentionOutcome outcome = await Sweep(scope, new RetentionOptions { Outbox = TimeSpan.Zero, Invitations = TimeSpan.Zero, Scans = TimeSpan.Zero }, now).RunAsync(Cancel);

        Assert.Equal(new RetentionOutcome(0, 0, 0), outcome);
        InvitationRow kept = await db.Invitations.SingleAsync(i => i.CodeHash == InvitationCode.Hash("ZERO-KEEP"), Cancel);

        // The class shares one app: leave nothing the other test's sweeps would count.
        db.Invitations.Remove(kept);
        await db.SaveChangesAsync(Cancel);
    }

    private static RetentionSweep Sweep(IServiceScope scope, RetentionOptions retention, DateTimeOffset now) => new(
        scope.ServiceProvider.GetRequiredService<OwnersVoteDb>(),
        scope.ServiceProvider.GetRequiredService<OutboxNotifier>(),
        Options.Create(new PrivacyOptions { Retention = retention }),
        scope.ServiceProvider.GetRequiredService<IOptions<NotificationOptions>>(),
        scope.ServiceProvider.GetRequiredService<IHostEnvironment>(),
        new StoppedClock(now));

    private static InvitationRow Invitation(string hash, DateTimeOffset expiresAt, DateTimeOffset? usedAt) => new()
    {
        CodeHash = hash,
        CompoundId = "retention-test",
        Role = "owner",
        OwnerId = new string('f', 64),
        IssuedBy = "officer:demo-1\nofficer:demo-2",
        ExpiresAt = expiresAt,
        UsedAt = usedAt,
    };

    // A sheet issued and recorded by two officers, as the paper desk does (DESIGN.md "Paper ballots").
    private static async Task RecordPaperAsync(EventLog log, OwnersVoteDb db, string vote, string unit, string scan, DateTimeOffset now)
    {
        string principal = await db.Units.Where(u => u.VoteId == vote && u.Id == unit).Select(u => u.OwnerId).SingleAsync(Cancel);
        string serial = "RT-" + scan[..6];
        DateTimeOffset at = EventTime.Truncate(now);
        await log.AppendManyAsync(
            [
                new PaperBallotIssued(DemoSeeder.CompoundId, vote, at, "officer:demo-1", principal, [unit], serial),
                new PaperBallotRecorded(DemoSeeder.CompoundId, vote, at, "officer:demo-2", principal, [unit], serial, [new BallotAnswer("q1", Choice.Yes)], scan, ["officer:demo-1", "officer:demo-2"], Counts: true),
            ],
            Cancel);
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
