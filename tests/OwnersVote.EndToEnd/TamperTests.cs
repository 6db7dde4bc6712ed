using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Cli.Commands;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 4's tamper test against the running demo: <c>ov verify URL</c> prints OK and recounts
/// every vote; changing a stored ballot in the database (the result page then differs from the
/// log) or one byte of a ballot in the log's files makes it fail.
/// </summary>
public sealed class TamperTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ov_verify_passes_on_the_demo_and_fails_after_a_ballot_is_changed_in_the_database_or_the_log()
    {
        (int code, string stdout, string stderr) = await VerifyAsync();
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        Assert.Contains($"vote {DemoSeeder.ChargingVoteId}: ", stdout, StringComparison.Ordinal);
        Assert.Contains("recount matches published tally", stdout, StringComparison.Ordinal);
        Assert.Contains("served results of 2 vote(s) compared with the recount", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\nOK \d+ [A-Za-z0-9+/]{43}=\n$", stdout);

        // The database: one counted yes ballot of the lift vote now says no.
        long index;
        string unit;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            BallotRow ballot = await db.Ballots.Where(b => b.MatterId == DemoSeeder.LiftVoteId && b.Counts && b.Choice == "yes").OrderBy(b => b.LogIndex).FirstAsync(Cancel);
            index = ballot.LogIndex;
            unit = (await db.Units.FirstAsync(u => u.VoteId == DemoSeeder.LiftVoteId && u.OwnerId == ballot.OwnerId, Cancel)).Id;
            Assert.Equal(1, await db.Ballots.Where(b => b.LogIndex == index).ExecuteUpdateAsync(s => s.SetProperty(b => b.Choice, "no"), Cancel));
        }

        (code, _, stderr) = await VerifyAsync();
        Assert.Equal(1, code);
        Assert.Contains($"vote {DemoSeeder.LiftVoteId}: unit {unit} voted yes in the log but the server shows no", stderr, StringComparison.Ordinal);

        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            await db.Ballots.Where(b => b.LogIndex == index).ExecuteUpdateAsync(s => s.SetProperty(b => b.Choice, "yes"), Cancel);
        }

        Assert.Equal(0, (await VerifyAsync()).Code);

        // The log: one byte of that ballot's entry in its entry bundle, "yes" made "yet".
        string bundle = Directory.GetFiles(Path.Combine(app.DataFolder, "log", "tile", "entries"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "000.p" || Path.GetFileName(f) == "000")
            // Group commit may have left several partial bundles (000.p/176, 000.p/177): the widest
            // is the one a verifier at the latest checkpoint reads; a full tile wins over any partial.
            .OrderByDescending(f => Path.GetFileName(f) == "000" && Path.GetFileName(Path.GetDirectoryName(f)) != "000.p" ? int.MaxValue : int.Parse(Path.GetFileName(f), System.Globalization.CultureInfo.InvariantCulture))
            .First();
        byte[] bytes = await File.ReadAllBytesAsync(bundle, Cancel);
        int at = FindChoice(bytes, index);
        bytes[at + 2] = (byte)'t';
        await File.WriteAllBytesAsync(bundle, bytes, Cancel);

        (code, _, stderr) = await VerifyAsync();
        Assert.Equal(1, code);
        Assert.Contains("tile/entries/000", stderr, StringComparison.Ordinal);
    }

    // The offset of the ballot's "choice":"yes" inside entry `index` of the first bundle.
    private static int FindChoice(byte[] bundle, long index)
    {
        int offset = 0;
        for (long i = 0; i < index; i++)
        {
            offset += 2 + ((bundle[offset] << 8) | bundle[offset + 1]);
        }

        int length = (bundle[offset] << 8) | bundle[offset + 1];
        byte[] needle = Encoding.ASCII.GetBytes("\"choice\":\"yes\"");
        int found = bundle.AsSpan(offset + 2, length).IndexOf(needle);
        Assert.True(found >= 0, $"entry {index} holds no yes answer");
        return offset + 2 + found + needle.Length - 4;
    }

    private async Task<(int Code, string Stdout, string Stderr)> VerifyAsync()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await Task.Run(() => VerifyCommand.Run([app.BaseUrl], stdout, stderr), Cancel);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
