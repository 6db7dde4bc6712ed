using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OwnersVote.Web.Features.Enrolment;

/// <summary>
/// Writes each notice as one JSON line to the outbox file, flushed to disk before returning, for an
/// operator or a relay to send. The default sender: it needs no provider account.
/// </summary>
public sealed class OutboxNotifier(IOptions<NotificationOptions> options, IHostEnvironment environment) : INotifier, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>The outbox file's full path.</summary>
    public string FilePath { get; } = Path.GetFullPath(options.Value.OutboxFile, environment.ContentRootPath);

    /// <inheritdoc />
    public async Task NotifyAsync(OwnerNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(notice, JsonSerializerOptions.Web) + "\n");
        await _lock.WaitAsync(cancellationToken);
        try
        {
            // A full path to a file always has a directory part.
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            await using var file = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
            await file.WriteAsync(line, cancellationToken);
            await file.FlushAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new NotifierException($"The outbox {FilePath} could not be written.", e);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
