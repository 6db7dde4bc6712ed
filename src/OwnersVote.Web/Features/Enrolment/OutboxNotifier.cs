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

    /// <summary>The notices in the outbox for one owner, oldest first (PIPL: an owner sees what was sent to them).</summary>
    public async Task<IReadOnlyList<OwnerNotice>> ReadAsync(string compoundId, string ownerHash, CancellationToken cancellationToken)
    {
        List<OwnerNotice> notices = [];
        await _lock.WaitAsync(cancellationToken);
        try
        {
            foreach (OwnerNotice notice in await ReadAllAsync(cancellationToken))
            {
                if (notice.CompoundId == compoundId && notice.OwnerHash == ownerHash)
                {
                    notices.Add(notice);
                }
            }
        }
        finally
        {
            _lock.Release();
        }

        return notices;
    }

    /// <summary>
    /// Removes up to <paramref name="limit"/> notices raised before <paramref name="before"/>
    /// (retention, <c>Privacy:Retention:Outbox</c>): the kept lines are written to a new file that
    /// replaces the outbox atomically, under the lock appends take, so no notice is lost. Returns how many went.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(FilePath))
            {
                return 0;
            }

            string[] lines = await File.ReadAllLinesAsync(FilePath, cancellationToken);
            var kept = new StringBuilder();
            int removed = 0;
            foreach (string line in lines.Where(l => l.Length > 0))
            {
                if (removed < limit && Parse(line).At < before)
                {
                    removed++;
                    continue;
                }

                kept.Append(line).Append('\n');
            }

            if (removed == 0)
            {
                return 0;
            }

            string temporary = FilePath + ".tmp";
            await File.WriteAllTextAsync(temporary, kept.ToString(), cancellationToken);
            File.Move(temporary, FilePath, overwrite: true);
            return removed;
        }
        catch (IOException e)
        {
            throw new NotifierException($"The outbox {FilePath} could not be pruned.", e);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<IEnumerable<OwnerNotice>> ReadAllAsync(CancellationToken cancellationToken) =>
        File.Exists(FilePath)
            ? (await File.ReadAllLinesAsync(FilePath, cancellationToken)).Where(l => l.Length > 0).Select(Parse)
            : [];

    private OwnerNotice Parse(string line) =>
        JsonSerializer.Deserialize<OwnerNotice>(line, JsonSerializerOptions.Web)
        ?? throw new NotifierException($"The outbox {FilePath} holds a line that is not a notice.");

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
