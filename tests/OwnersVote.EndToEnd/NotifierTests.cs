using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OwnersVote.Web.Features.Enrolment;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The owners' notifiers (issue 6 §2): the HTTP sender against a small loopback HTTP listener
/// standing in for the SMS/WeChat template gateway, and the outbox file.
/// </summary>
public sealed class NotifierTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly OwnerNotice s_notice = new(
        "jingcheng-pinyayuan",
        new string('a', 64),
        OwnerNotice.CredentialEnrolledTemplate,
        new Dictionary<string, string>(StringComparer.Ordinal) { ["activeFrom"] = "2026-11-27T05:00:00Z", ["officers"] = "officer:1,officer:2" },
        new DateTimeOffset(2026, 11, 26, 5, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Http_sender_posts_the_notice_as_JSON_with_the_bearer_token()
    {
        using var gateway = new Gateway(HttpStatusCode.Accepted);
        using var http = new HttpClient();
        var notifier = new HttpNotifier(http, Options.Create(new NotificationOptions { Sender = "Http", HttpUrl = gateway.Url, HttpToken = "s3cret" }));

        await notifier.NotifyAsync(s_notice, Cancel);

        (string method, string? authorization, string contentType, string body) = await gateway.Received.Task.WaitAsync(Cancel);
        Assert.Equal("POST", method);
        Assert.Equal("Bearer s3cret", authorization);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal("credential-enrolled", json.RootElement.GetProperty("template").GetString());
        Assert.Equal(new string('a', 64), json.RootElement.GetProperty("ownerHash").GetString());
        Assert.Equal("2026-11-27T05:00:00Z", json.RootElement.GetProperty("parameters").GetProperty("activeFrom").GetString());
    }

    [Fact]
    public async Task Http_sender_reports_a_gateway_error_as_a_NotifierException()
    {
        using var gateway = new Gateway(HttpStatusCode.InternalServerError);
        using var http = new HttpClient();
        var notifier = new HttpNotifier(http, Options.Create(new NotificationOptions { Sender = "Http", HttpUrl = gateway.Url }));

        NotifierException e = await Assert.ThrowsAsync<NotifierException>(() => notifier.NotifyAsync(s_notice, Cancel));
        Assert.Contains("500", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_sender_appends_one_JSON_line_per_notice()
    {
        DirectoryInfo folder = Directory.CreateTempSubdirectory("ov-outbox-");
        try
        {
            using var notifier = new OutboxNotifier(Options.Create(new NotificationOptions { OutboxFile = "out/outbox.jsonl" }), new Environment(folder.FullName));
            await notifier.NotifyAsync(s_notice, Cancel);
            await notifier.NotifyAsync(s_notice with { Template = "other" }, Cancel);

            string[] lines = await File.ReadAllLinesAsync(Path.Combine(folder.FullName, "out", "outbox.jsonl"), Cancel);
            Assert.Equal(2, lines.Length);
            Assert.Equal("credential-enrolled", JsonDocument.Parse(lines[0]).RootElement.GetProperty("template").GetString());
            Assert.Equal("other", JsonDocument.Parse(lines[1]).RootElement.GetProperty("template").GetString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "OwnersVote.Web";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    /// <summary>A one-request HTTP listener on a loopback port.</summary>
    private sealed class Gateway : IDisposable
    {
        private readonly HttpListener _listener = new();

        public Gateway(HttpStatusCode status)
        {
            int port = FreePort();
            Url = new Uri($"http://localhost:{port}/notify/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _ = AnswerAsync(status);
        }

        public Uri Url { get; }

        public TaskCompletionSource<(string Method, string? Authorization, string ContentType, string Body)> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private async Task AnswerAsync(HttpStatusCode status)
        {
            HttpListenerContext context = await _listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            string body = await reader.ReadToEndAsync();
            Received.SetResult((context.Request.HttpMethod, context.Request.Headers["Authorization"], context.Request.ContentType ?? "", body));
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose() => _listener.Close();
    }
}
