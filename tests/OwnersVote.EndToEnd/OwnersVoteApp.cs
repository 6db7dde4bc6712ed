using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The real app (Program.cs, the real pipeline) on a real Kestrel port, with the demo seeded into
/// the database that <see cref="ConfigureDatabaseAsync"/> names. Browsers go to
/// <c>http://localhost:PORT</c>: WebAuthn needs the name localhost, not 127.0.0.1.
/// </summary>
public abstract class OwnersVoteApp : WebApplicationFactory<Program>, IAsyncLifetime
{
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
        UseKestrel(0);
        StartServer();
        IServerAddressesFeature addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        var bound = new Uri(addresses.Addresses.First());
        BaseUrl = $"http://localhost:{bound.Port}";
    }

    /// <summary>A client for the JSON API on the real port.</summary>
    public HttpClient CreateApiClient() => new() { BaseAddress = new Uri(BaseUrl) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:PrintAccounts", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await ReleaseDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app on the embedded default: a SQLite file in a fresh temporary folder.</summary>
public sealed class SqliteApp : OwnersVoteApp
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ov-e2e-sqlite-").FullName;

    public override string Provider => "Sqlite";

    protected override ValueTask<string> ConfigureDatabaseAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult($"Data Source={Path.Combine(_folder, "ownersvote.db")}");

    protected override ValueTask ReleaseDatabaseAsync()
    {
        // SQLite pools connections; clear them so the file can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The app on a real PostgreSQL server that the test starts and stops itself.</summary>
public sealed class PostgresApp : OwnersVoteApp
{
    private PostgresServer? _server;

    public override string Provider => "Postgres";

    /// <summary>Stops the database server under the running app.</summary>
    public Task StopDatabaseAsync(CancellationToken cancellationToken) =>
        _server?.StopAsync(cancellationToken) ?? throw new InvalidOperationException("the database was never started");

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
    }
}
