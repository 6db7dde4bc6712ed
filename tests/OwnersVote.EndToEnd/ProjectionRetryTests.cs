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
/// append projects them before its own, in log order.
/// </summary>
public sealed class ProjectionRetryTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Compound = "jingcheng-pinyayuan";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_run_fails_its_caller_keeps_the_entry_logged_and_the_next_append_projects_both()
    {
        EventLog log = app.Services.GetRequiredService<EventLog>();
        long size = log.TreeSize;
        using SoftwareAuthenticator first = SoftwareAuthenticator.MakeCredential("localhost");
        using SoftwareAuthenticator second = SoftwareAuthenticator.MakeCredential("localhost");

        // The credentials table is away for a moment: the projection of an enrolment fails.
        await ExecuteAsync("ALTER TABLE credentials RENAME TO credentials_away");
        SqliteException refused = await Assert.ThrowsAsync<SqliteException>(() => log.AppendAsync(Enrolled(first, "first"), Cancel));
        Assert.Contains("credentials", refused.Message, StringComparison.Ordinal);
        await ExecuteAsync("ALTER TABLE credentials_away RENAME TO credentials");

        // Logged all the same, and not in the tables.
        Assert.Equal(size + 1, log.TreeSize);
        Assert.Equal(size, await AppliedSizeAsync());
        Assert.False(await HasCredentialAsync(first));

        AppendResult next = await log.AppendAsync(Enrolled(second, "second"), Cancel);

        Assert.Equal(size + 1, next.Index);
        Assert.Equal(size + 2, await AppliedSizeAsync());
        Assert.True(await HasCredentialAsync(first));
        Assert.True(await HasCredentialAsync(second));
    }

    [Fact]
    public async Task Appends_from_many_callers_at_once_are_all_projected_in_log_order()
    {
        EventLog log = app.Services.GetRequiredService<EventLog>();
        SoftwareAuthenticator[] authenticators = [.. Enumerable.Range(0, 64).Select(_ => SoftwareAuthenticator.MakeCredential("localhost"))];
        try
        {
            AppendResult[] results = await Task.WhenAll(authenticators.Select((a, i) => Task.Run(() => log.AppendAsync(Enrolled(a, $"many-{i}"), Cancel), Cancel)));

            Assert.Equal(results.Length, results.Select(r => r.Index).Distinct().Count());
            Assert.Equal(log.TreeSize, await AppliedSizeAsync());
            foreach (SoftwareAuthenticator a in authenticators)
            {
                Assert.True(await HasCredentialAsync(a));
            }
        }
        finally
        {
            Array.ForEach(authenticators, a => a.Dispose());
        }
    }

    private static CredentialEnrolled Enrolled(SoftwareAuthenticator authenticator, string owner)
    {
        DateTimeOffset at = EventTime.Truncate(DateTimeOffset.UtcNow);
        return new CredentialEnrolled(
            Compound, at, "officer:demo-1", OwnerKey.Hash(new byte[32], "projection-retry-" + owner), authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey),
            CredentialKind.Passkey, ["officer:demo-1", "officer:demo-2"], at, true);
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

    private async Task<bool> HasCredentialAsync(SoftwareAuthenticator authenticator)
    {
        string id = Base64UrlText.Encode(authenticator.CredentialId.Span);
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Credentials.AnyAsync(c => c.Id == id, Cancel);
    }
}
