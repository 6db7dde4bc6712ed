using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Ledger;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The log as an outsider downloads it over HTTP (c2sp.org/tlog-tiles under /log): it verifies
/// with the Ledger's auditor, is cached as the spec allows, and recounts to the published tally.
/// </summary>
public sealed partial class LogTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string ClosedVote = "ev-charging-2025";
    private const string OpenVote = "b57-lift-2026";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_served_log_verifies_and_recounts_the_closed_vote_to_its_published_tally()
    {
        using HttpClient client = app.CreateApiClient();
        var store = new HttpTileStore(client);
        NoteVerifier key = NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        var entries = new List<byte[]>();

        AuditedLog audited = await LogAuditor.AuditAsync(store, key, [], 0, (_, entry) => entries.Add(entry.ToArray()), Cancel);

        Assert.Equal(entries.Count, audited.Checkpoint.Checkpoint.Size);
        List<LedgerEvent> log = [.. entries.Select(e => EventCodec.Decode(e))];
        VoteReplayResult closed = VoteReplay.Replay(log, ClosedVote);
        Assert.True(closed.Closed);
        Assert.True(closed.MatchesPublished());
        // Every seeded ballot is a genuine WebAuthn assertion: none is rejected offline.
        Assert.All(closed.Ballots, b => Assert.Equal(BallotDisposition.Counted, b.Disposition));
        VoteReplayResult open = VoteReplay.Replay(log, OpenVote);
        Assert.Equal(30, open.Ballots.Count(b => b.Disposition == BallotDisposition.Counted));
        Assert.Null(open.Published);

        // The pages count from the projections what the recount counts from the log.
        foreach (VoteReplayResult replayed in new[] { closed, open })
        {
            JsonElement api = await client.GetFromJsonAsync<JsonElement>($"/api/votes/{replayed.Matter.Vote}/result", Cancel);
            TallyResult recount = replayed.Questions[0].Result;
            foreach ((string name, DoubleCount count) in new[] { ("total", recount.Total), ("participating", recount.Participating), ("yes", recount.Yes), ("no", recount.No), ("abstain", recount.Abstain) })
            {
                Assert.Equal(count.Area.Hundredths, api.GetProperty(name).GetProperty("areaHundredths").GetInt64());
                Assert.Equal(count.Heads.Value, api.GetProperty(name).GetProperty("heads").GetInt64());
            }

            Assert.Equal(recount.Passed, api.GetProperty("passing").GetBoolean());
        }

        // The result page names the tree the tally ends: its size and the root of those entries.
        string page = WebUtility.HtmlDecode(await client.GetStringAsync($"/votes/{ClosedVote}/result", Cancel));
        Match shown = TallyCheckpoint().Match(page);
        Assert.True(shown.Success, "the closed vote's page shows the log tree of its tally");
        int size = int.Parse(shown.Groups["size"].Value, CultureInfo.InvariantCulture);
        Assert.IsType<TallyPublished>(log[size - 1]);
        Assert.Equal(ClosedVote, ((TallyPublished)log[size - 1]).Vote);
        Assert.Equal(Merkle.Root([.. entries.Take(size).Select(e => Merkle.HashLeaf(e))]).ToBase64(), shown.Groups["root"].Value);
    }

    [GeneratedRegex("data-testid=\"tally-checkpoint\">[^<]*?(?<size>[0-9]+)[^<]*<code class=\"root-hash\">(?<root>[A-Za-z0-9+/]{43}=)</code>")]
    private static partial Regex TallyCheckpoint();

    [Fact]
    public async Task Full_tiles_are_immutable_partial_tiles_short_lived_and_the_checkpoint_never_cached()
    {
        // The demo fills less than one tile; enrol more passkeys so a full tile exists.
        EventLog eventLog = app.Services.GetRequiredService<EventLog>();
        long size = eventLog.TreeSize;
        var authenticators = Enumerable.Range(0, 300).Select(_ => SoftwareAuthenticator.MakeCredential("localhost")).ToList();
        DateTimeOffset at = EventTime.Truncate(DateTimeOffset.UtcNow);
        await eventLog.AppendManyAsync(
            [.. authenticators.Select((a, i) => new CredentialEnrolled(
                "jingcheng-pinyayuan", at, "officer:demo-1", OwnerKey.Hash(new byte[32], $"extra-{i}"), a.CredentialId, CoseKey.Parse(a.CosePublicKey),
                CredentialKind.Passkey, ["officer:demo-1", "officer:demo-2"], at, true))],
            Cancel);
        authenticators.ForEach(a => a.Dispose());
        Assert.Equal(size + 300, eventLog.TreeSize);

        using HttpClient client = app.CreateApiClient();
        var store = new HttpTileStore(client);
        NoteVerifier key = NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        await LogAuditor.AuditAsync(store, key, [], 0, null, Cancel);

        Assert.Equal(("no-cache", "text/plain; charset=utf-8"), store.Fetched["checkpoint"]);
        Assert.Equal(("public, max-age=31536000, immutable", "application/octet-stream"), store.Fetched["tile/0/000"]);
        Assert.Equal(("public, max-age=31536000, immutable", "application/octet-stream"), store.Fetched["tile/entries/000"]);
        string partial = $"tile/entries/001.p/{(size + 300) % 256}";
        Assert.Equal(("public, max-age=60", "application/octet-stream"), store.Fetched[partial]);
    }

    // Issue 10: a reload-on-change watch of appsettings.json covered the whole content root, where
    // the log and the database are written: every write raised an inotify event for the server.
    [Fact]
    public void No_settings_file_is_watched_for_changes()
    {
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        FileConfigurationProvider[] files = [.. configuration.Providers.OfType<FileConfigurationProvider>()];

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, f.Source.Path));
    }

    [Fact]
    public async Task HEAD_answers_a_tile_with_its_headers_and_no_body()
    {
        using HttpClient client = app.CreateApiClient();
        using var head = new HttpRequestMessage(HttpMethod.Head, "/log/checkpoint");
        using HttpResponseMessage response = await client.SendAsync(head, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [InlineData("/log/tile/0/0")]
    [InlineData("/log/tile/0/000.p/0")]
    [InlineData("/log/tile/0/000.p/256")]
    [InlineData("/log/tile/01/000")]
    [InlineData("/log/tile/entries/x000/999")]
    [InlineData("/log/tile/9/000")]
    [InlineData("/log/tile/0/..%2f..%2flog.key")]
    [InlineData("/log/tile/entries/999")]
    [InlineData("/log/journal")]
    [InlineData("/log/log.key")]
    public async Task Anything_but_a_canonical_tile_path_is_not_found(string path)
    {
        using HttpClient client = app.CreateApiClient();
        using HttpResponseMessage response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_key_is_one_line_of_text_that_verifies_the_checkpoint()
    {
        using HttpClient client = app.CreateApiClient();
        using HttpResponseMessage response = await client.GetAsync("/log/key", Cancel);
        string text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        byte[] checkpoint = await client.GetByteArrayAsync("/log/checkpoint", Cancel);
        SignedCheckpoint opened = Checkpoint.Open(checkpoint, NoteVerifier.Parse(text.TrimEnd('\n')));
        Assert.Equal("localhost/log", opened.Checkpoint.Origin);
    }
}
