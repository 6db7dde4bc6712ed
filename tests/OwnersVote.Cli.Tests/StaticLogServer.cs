using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OwnersVote.Cli.Tests;

/// <summary>
/// Serves a log directory on a loopback port the way the OwnersVote server does:
/// <c>/log/checkpoint</c>, <c>/log/tile/…</c> and the verifier key at <c>/log/key</c>.
/// </summary>
internal sealed class StaticLogServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticLogServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<StaticLogServer> StartAsync(string dir, string? verifierKey, CancellationToken cancellationToken)
    {
        string root = Path.GetFullPath(dir) + Path.DirectorySeparatorChar;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.MapGet("/log/{**path}", (string path) =>
        {
            if (path == "key")
            {
                return verifierKey is null ? Results.NotFound() : Results.Text(verifierKey + "\n");
            }

            string file = Path.GetFullPath(Path.Combine(root, path));
            return file.StartsWith(root, StringComparison.Ordinal) && File.Exists(file)
                ? Results.Bytes(File.ReadAllBytes(file), "application/octet-stream")
                : Results.NotFound();
        });
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new StaticLogServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
