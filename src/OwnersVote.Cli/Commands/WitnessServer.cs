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

namespace OwnersVote.Cli.Commands;

/// <summary>
/// A running c2sp.org/tlog-witness HTTP server: Kestrel serving <c>POST /add-checkpoint</c> at the
/// root (the submission prefix is the server's URL), each request handed to the Ledger's
/// <see cref="Witness"/> and its <see cref="WitnessResponse"/> written back as is.
/// </summary>
public sealed class WitnessServer : IAsyncDisposable
{
    /// <summary>
    /// The largest request body accepted: an old size line, at most 63 proof lines ("The client
    /// MUST NOT send more than 63 consistency proof lines") and a checkpoint with its signatures.
    /// </summary>
    public const int MaxRequestBytes = 64 * 1024;

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
        CancellationToken aborted = context.RequestAborted;
        if (context.Request.ContentLength > MaxRequestBytes)
        {
            await WriteAsync(context, WitnessResponse.Error(StatusCodes.Status413PayloadTooLarge, $"request body over {MaxRequestBytes} bytes")).ConfigureAwait(false);
            return;
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            try
            {
                await context.Request.Body.CopyToAsync(buffer, aborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // A chunked body that outgrew MaxRequestBodySize.
                await WriteAsync(context, WitnessResponse.Error(e.StatusCode, $"request body over {MaxRequestBytes} bytes")).ConfigureAwait(false);
                return;
            }

            body = buffer.ToArray();
        }

        WitnessResponse response;
        try
        {
            response = await witness.AddCheckpointAsync(body, aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // The state store failed: nothing was cosigned (the spec's "MUST persist the new
            // checkpoint before responding"), so the client gets a 500 and may retry.
            errors.WriteLine($"ov witness: state store: {InputFile.OneLine(e.Message)}");
            response = WitnessResponse.Error(StatusCodes.Status500InternalServerError, "witness state unavailable");
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} add-checkpoint {Describe(body)}: {response.StatusCode} {Summary(response)}"));
        await WriteAsync(context, response).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, WitnessResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    // For the request log only: origin and size as claimed, never trusted for anything else.
    private static string Describe(byte[] body)
    {
        try
        {
            AddCheckpointRequest request = AddCheckpointRequest.Parse(body);
            Checkpoint claimed = Checkpoint.Parse(Note.Parse(request.Checkpoint).Text);
            return string.Create(CultureInfo.InvariantCulture, $"'{claimed.Origin}' old {request.OldSize} size {claimed.Size}");
        }
        catch (FormatException)
        {
            // The witness answered 400 with the reason; the log line says so.
            return "(malformed)";
        }
    }

    private static string Summary(WitnessResponse response) => response.StatusCode == StatusCodes.Status200OK
        ? "cosigned"
        : InputFile.OneLine(response.BodyText);

    /// <summary>A host lifetime that ignores process signals: the owner stops the host.</summary>
    private sealed class ExplicitLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
