using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// A running c2sp.org/tlog-witness HTTP server: Kestrel serving <c>POST /add-checkpoint</c> at the
/// root (the submission prefix is the server's URL), each request answered by
/// <see cref="WitnessHttpHandler"/> with the Ledger's <see cref="Witness"/>.
/// </summary>
public sealed class WitnessServer : IAsyncDisposable
{
    /// <summary>The largest request body accepted (<see cref="WitnessHttpHandler.MaxRequestBytes"/>).</summary>
    public const int MaxRequestBytes = WitnessHttpHandler.MaxRequestBytes;

    private readonly WebApplication _app;

    private WitnessServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The submission prefix: <c>http://&lt;address&gt;:&lt;port&gt;/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Completes when the host stops (SIGINT, SIGTERM or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Binds <paramref name="address"/>:<paramref name="port"/> (0 picks a free port) and starts
    /// serving. Each handled request is reported as one line on <paramref name="log"/>, storage
    /// failures on <paramref name="errors"/>.
    /// </summary>
    /// <exception cref="IOException">The address cannot be bound (in use, not local, no permission).</exception>
    public static async Task<WitnessServer> StartAsync(
        Witness witness, IPAddress address, int port, TextWriter log, TextWriter errors, bool handleSignals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(errors);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The command prints its own lines; no framework log chatter on the console.
        builder.Logging.ClearProviders();
        if (!handleSignals)
        {
            // In-process hosts (tests, embedding) stop by DisposeAsync, not by the process's signals.
            builder.Services.AddSingleton<IHostLifetime, ExplicitLifetime>();
        }

        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = MaxRequestBytes;
            options.Listen(address, port);
        });

        WebApplication app = builder.Build();
        app.MapPost("/add-checkpoint", (HttpContext context) => AddCheckpointAsync(context, witness, log, errors));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Kestrel reports the bound address, with the real port when 0 was asked.
        string bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.GetRequiredFeature<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>().Addresses.First();
        return new WitnessServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <summary>Stops accepting requests, lets those in flight finish (5 s at most) and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task AddCheckpointAsync(HttpContext context, Witness witness, TextWriter log, TextWriter errors)
    {
        WitnessExchange exchange = await WitnessHttpHandler.AddCheckpointAsync(context, witness).ConfigureAwait(false);
        if (exchange.StorageFailure is Exception failure)
        {
            errors.WriteLine($"ov witness: state store: {InputFile.OneLine(failure.Message)}");
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {exchange.Summary}"));
    }

    /// <summary>A host lifetime that ignores process signals: the owner stops the host.</summary>
    private sealed class ExplicitLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
