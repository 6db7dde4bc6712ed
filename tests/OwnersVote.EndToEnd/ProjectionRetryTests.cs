using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Projections;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The projector thread (issue 10): an append returns once its entry is durable and projected; when
/// the tables refuse a run, its callers get the error, the entries stand in the log, and the next
/// append projects them before its own, in log order, or the projector itself after a pause.
/// </summary>
public sealed class ProjectionRetryTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_run_fails_its_caller_keeps_the_entry_logged_and_the_next_append_projects_both()
    {
        EventLog log = app.Services.GetRequiredService<EventLog>();
        long size = log.TreeSize;
        CredentialEnrolled first = DemoWitnessTests.Enrolment("projection-retry-first");
        CredentialEnrolled second = DemoWitnessTests.Enrolment("projection-retry-second");

        // The credentials table is away for a moment: the projection of an enrolment fails.
        await ExecuteAsync("ALTER TABLE credentials RENAME TO credentials_away");
        SqliteException refused = await Assert.ThrowsAsync<SqliteException>(() => log.AppendAsync(first, Cancel));
        Assert.Contains("credentials", refused.Message, StringComparison.Ordinal);

        // Logged all the same, and not in the tables (checked while they still refuse it: the
        // projector retries by itself too).
        Assert.Equal(size + 1, log.TreeSize);
        Assert.Equal(size, await AppliedSizeAsync());
        await ExecuteAsync("ALTER TABLE credentials_away RENAME TO credentials");

        AppendResult next = await log.AppendAsync(second, Cancel);

        Assert.Equal(size + 1, next.Index);
        Assert.Equal(size + 2, await AppliedSizeAsync());
        Assert.True(await HasCredentialAsync(first));
        Assert.True(await HasCredentialAsync(second));
    }

    [Fact]
    public async Task A_refused_run_is_retried_by_the_projector_itself_once_the_tables_are_back()
    {
        EventLog log = app.Services.GetRequiredService<EventLog>();
        long size = log.TreeSize;
        CredentialEnrolled last = DemoWitnessTests.Enrolment("projection-retry-alone");

        // The last append before a quiet night: the tables refuse it twice (the first retry comes
        // after a second), then take it, and no append comes to wake the projector.
        await ExecuteAsync("ALTER TABLE credentials RENAME TO credentials_away");
        await Assert.ThrowsAsync<SqliteException>(() => log.AppendAsync(last, Cancel));
        await Task.Delay(EventLog.FirstProjectionRetry * 1.5, Cancel);
        Assert.Equal(size, await AppliedSizeAsync());
        await ExecuteAsync("ALTER TABLE credentials_away RENAME TO credentials");

        // Bounded: the pauses so far are 1 s and 2 s; 30 s is far beyond them.
        for (int attempt = 0; attempt < 300 && await AppliedSizeAsync() == size; attempt++)
        {
            await Task.Delay(100, Cancel);
        }

        Assert.Equal(size + 1, await AppliedSizeAsync());
        Assert.Equal(size + 1, log.TreeSize);
        Assert.True(await HasCredentialAsync(last));
    }

    [Fact]
    public async Task Appends_from_many_callers_at_once_are_all_projected_in_log_order()
    {
        EventLog log = app.Services.GetRequiredService<EventLog>();
        CredentialEnrolled[] enrolments = [.. Enumerable.Range(0, 64).Select(i => DemoWitnessTests.Enrolment($"projection-many-{i}"))];

        AppendResult[] results = await Task.WhenAll(enrolments.Select(e => Task.Run(() => log.AppendAsync(e, Cancel), Cancel)));

        Assert.Equal(results.Length, results.Select(r => r.Index).Distinct().Count());
        Assert.Equal(log.TreeSize, await AppliedSizeAsync());
        foreach (CredentialEnrolled e in enrolments)
        {
            Assert.True(await HasCredentialAsync(e));
        }
    }

    [Fact]
    public async Task Appends_racing_the_close_all_end_and_every_logged_one_is_in_the_tables_after_the_restart()
    {
        string folder = Directory.CreateTempSubdirectory("ov-e2e-close-").FullName;
        try
        {
            var logged = new System.Collections.Concurrent.ConcurrentBag<CredentialEnrolled>();
            var refused = new System.Collections.Concurrent.ConcurrentBag<Exception>();
            Task[] writers;
            await using (var before = new SqliteAppOver(folder))
            {
                await before.InitializeAsync();
                EventLog log = before.Services.GetRequiredService<EventLog>();
                int next = 0;
                // Writers append one after another until the log refuses (bounded: 2,000 at most).
                writers = [.. Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
                {
                    for (int i = Interlocked.Increment(ref next); i <= 2_000; i = Interlocked.Increment(ref next))
                    {
                        CredentialEnrolled e = DemoWitnessTests.Enrolment($"close-race-{i}");
                        try
                        {
                            await log.AppendAsync(e, CancellationToken.None);
                            logged.Add(e);
                        }
                        catch (Exception refusal)
                        {
                            refused.Add(refusal);
                            return;
                        }
                    }
                }, Cancel))];
                while (logged.Count < 50 && !writers.All(w => w.IsCompleted))
                {
                    await Task.Delay(10, Cancel);
                }
            }

            // The app closed under the writers. None waits for good on a projection that will not
            // run: each append got its entry projected or an error.
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2), Cancel);
            Assert.True(logged.Count < 2_000, "the close came after every append");
            Assert.All(refused, e => Assert.IsAssignableFrom<InvalidOperationException>(e.GetBaseException()));

            await using var after = new SqliteAppOver(folder);
            await after.InitializeAsync();
            EventLog reopened = after.Services.GetRequiredService<EventLog>();
            await using AsyncServiceScope scope = after.Services.CreateAsyncScope();
            Assert.Equal(reopened.TreeSize, await scope.ServiceProvider.GetRequiredService<Projector>().AppliedSizeAsync(Cancel));
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            foreach (CredentialEnrolled e in logged)
            {
                string id = Base64UrlText.Encode(e.CredentialId.Span);
                Assert.True(await db.Credentials.AnyAsync(c => c.Id == id, Cancel), id);
            }

        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Database.ExecuteSqlRawAsync(sql, Cancel);
    }

    private async Task<long> AppliedSizeAsync()
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Projector>().AppliedSizeAsync(Cancel);
    }

    private async Task<bool> HasCredentialAsync(CredentialEnrolled enrolment)
    {
        string id = Base64UrlText.Encode(enrolment.CredentialId.Span);
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Credentials.AnyAsync(c => c.Id == id, Cancel);
    }
}
