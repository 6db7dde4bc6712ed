using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The real app (Program.cs, the real pipeline) on a real Kestrel port, with the demo seeded into
/// the database that <see cref="ConfigureDatabaseAsync"/> names. Browsers go to
/// <c>http://localhost:PORT</c>: WebAuthn needs the name localhost, not 127.0.0.1.
/// </summary>
public abstract class OwnersVoteApp(string dataFolder) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly int _port = FreePort();

    /// <summary>The folder holding the log, its key and the demo compound's key (and the SQLite file).</summary>
    public string DataFolder { get; } = dataFolder;

    /// <summary>http://localhost:PORT, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Database:Provider as configured.</summary>
    public abstract string Provider { get; }

    /// <summary>ConnectionStrings:Default as configured.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Prepares the database and returns its connection string.</summary>
    protected abstract ValueTask<string> ConfigureDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>Releases the database.</summary>
    protected abstract ValueTask ReleaseDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await ConfigureDatabaseAsync(TestContext.Current.CancellationToken);
        // The port is chosen before start: the demo's ballots are signed for this origin.
        UseKestrel(_port);
        StartServer();
        IServerAddressesFeature addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        var bound = new Uri(addresses.Addresses.First());
        BaseUrl = $"http://localhost:{bound.Port}";
    }

    /// <summary>A client for the JSON API on the real port.</summary>
    public HttpClient CreateApiClient() => new() { BaseAddress = new Uri(BaseUrl) };

    /// <summary>
    /// Every event of the served log, as an outside auditor reads it: the checkpoint verified with
    /// the key at <c>/log/key</c> (its first line, the signing key), every tile and entry bundle
    /// checked (c2sp.org/tlog-tiles), each entry decoded.
    /// </summary>
    public async Task<List<LedgerEvent>> DownloadLogAsync(CancellationToken cancellationToken)
    {
        using HttpClient client = CreateApiClient();
        string served = await client.GetStringAsync("/log/key", cancellationToken);
        NoteVerifier key = NoteVerifier.Parse(served.Split('\n')[0]);
        var entries = new List<byte[]>();
        await LogAuditor.AuditAsync(new HttpTileStore(client), key, [], 0, (_, entry) => entries.Add(entry.ToArray()), cancellationToken);
        return [.. entries.Select(e => EventCodec.Decode(e))];
    }

    /// <summary>
    /// Two one-time officer invitations of the demo compound (officer:demo-1 and officer:demo-2),
    /// for tests that need the two-person rule: the demo's printed codes are used once.
    /// </summary>
    public async Task<string[]> FreshOfficerCodesAsync(CancellationToken cancellationToken)
    {
        using IServiceScope scope = Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        string[] codes = [InvitationCode.NewRandom(), InvitationCode.NewRandom()];
        string[] staff = ["officer:demo-1", "officer:demo-2"];
        for (int i = 0; i < codes.Length; i++)
        {
            db.Invitations.Add(new InvitationRow
            {
                CodeHash = InvitationCode.Hash(codes[i]),
                CompoundId = DemoSeeder.CompoundId,
                Role = "officer",
                StaffId = staff[i],
                IssuedBy = string.Join('\n', staff),
                ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:PrintAccounts", "false");
        builder.UseSetting("Demo:Origins:0", $"http://localhost:{_port}");
        builder.UseSetting("Demo:CompoundKeyFile", Path.Combine(DataFolder, "demo-compound.key"));
        // The address printed on result certificates (their QR code) is this server's.
        builder.UseSetting("Log:PublicUrl", $"http://localhost:{_port}");
        builder.UseSetting("Log:Directory", Path.Combine(DataFolder, "log"));
        builder.UseSetting("Log:KeyFile", Path.Combine(DataFolder, "log.key"));
        builder.UseSetting("Documents:Directory", Path.Combine(DataFolder, "documents"));
        // Most tests vote right after enrolling; the desk-enrolment test waits a short cooling-off.
        builder.UseSetting("Enrolment:CoolingOff", CoolingOff.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Notifications:OutboxFile", OutboxFile);
        builder.UseSetting("Demo:SecondCompound", SecondCompound ? "true" : "false");
        if (BackgroundTick is TimeSpan tick)
        {
            string every = tick.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            builder.UseSetting("Lifecycle:TickInterval", every);
            builder.UseSetting("Privacy:Retention:Interval", every);
        }
    }

    /// <summary>
    /// Lifecycle:TickInterval and Privacy:Retention:Interval for this app: the product's defaults
    /// (30 s, 1 h) unless a test needs the background services to run often.
    /// </summary>
    protected virtual TimeSpan? BackgroundTick => null;

    /// <summary>Demo:SecondCompound for this app: only the tests of two compounds seed the second one.</summary>
    protected virtual bool SecondCompound => false;

    /// <summary>Enrolment:CoolingOff for this app: none unless a test needs one.</summary>
    protected virtual TimeSpan CoolingOff => TimeSpan.Zero;

    /// <summary>Where the outbox notifier writes the owners' notices.</summary>
    public string OutboxFile => Path.Combine(DataFolder, "outbox.jsonl");

    // WebApplicationFactory's DisposeAsync can return while Program's own host is still disposing
    // its services on the app's thread (seen: the appender's lock still held right after it). The
    // log closes last (after its projector stops), so wait for its lock: a next app on this folder,
    // or the folder's deletion, must not race the shutdown sync. Bounded: 30 s.
    private async Task WaitForLogClosedAsync()
    {
        string path = Path.Combine(DataFolder, "log", LogJournal.DirectoryName, LogJournal.LockFileName);
        for (int attempt = 0; attempt < 600 && File.Exists(path); attempt++)
        {
            try
            {
                using Microsoft.Win32.SafeHandles.SafeFileHandle free = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                return;
            }
            catch (IOException)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await WaitForLogClosedAsync();
        await ReleaseDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app on the embedded default: a SQLite file in a fresh temporary folder.</summary>
public sealed class SqliteApp() : SqliteAppOver(Directory.CreateTempSubdirectory("ov-e2e-sqlite-").FullName)
{
    protected override async ValueTask ReleaseDatabaseAsync()
    {
        await base.ReleaseDatabaseAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}

/// <summary>The app with the second demo compound (清溪花园) seeded beside the first.</summary>
public sealed class TwoCompoundApp() : SqliteAppOver(Directory.CreateTempSubdirectory("ov-e2e-two-").FullName)
{
    protected override bool SecondCompound => true;

    protected override async ValueTask ReleaseDatabaseAsync()
    {
        await base.ReleaseDatabaseAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}

/// <summary>The app on a SQLite file and log in a folder the caller owns (and may reopen).</summary>
public class SqliteAppOver(string folder) : OwnersVoteApp(folder)
{
    public override string Provider => "Sqlite";

    /// <summary>The SQLite database file.</summary>
    public string DatabaseFile => Path.Combine(DataFolder, "ownersvote.db");

    protected override ValueTask<string> ConfigureDatabaseAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult($"Data Source={DatabaseFile}");

    protected override ValueTask ReleaseDatabaseAsync()
    {
        // SQLite pools connections; clear them so the file can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The app on PostgreSQL whose background services (the vote lifecycle, retention) run four times a
/// second, so an outage of a second or two surely meets them.
/// </summary>
public sealed class OutageApp : PostgresApp
{
    protected override TimeSpan? BackgroundTick => TimeSpan.FromMilliseconds(250);
}

/// <summary>The app on a real PostgreSQL server that the test starts and stops itself.</summary>
public class PostgresApp() : OwnersVoteApp(Directory.CreateTempSubdirectory("ov-e2e-pg-").FullName)
{
    private PostgresServer? _server;

    public override string Provider => "Postgres";

    /// <summary>Stops the database server under the running app.</summary>
    public Task StopDatabaseAsync(CancellationToken cancellationToken) =>
        _server?.StopAsync(cancellationToken) ?? throw new InvalidOperationException("the database was never started");

    /// <summary>Starts the stopped database server again: the outage ends.</summary>
    public Task StartDatabaseAgainAsync(CancellationToken cancellationToken) =>
        _server?.StartServerAsync(cancellationToken) ?? throw new InvalidOperationException("the database was never started");

    protected override async ValueTask<string> ConfigureDatabaseAsync(CancellationToken cancellationToken)
    {
        _server = await PostgresServer.StartAsync(cancellationToken);
        return _server.ConnectionString("ownersvote_e2e");
    }

    protected override async ValueTask ReleaseDatabaseAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(DataFolder, recursive: true);
    }
}
