using System.Globalization;
using OwnersVote.Voting.Events;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// A log's entries decoded as they are read (<see cref="EventCodec.Decode"/>), in index order:
/// each one's event, or why it is not an event this software reads. Entries are decoded in
/// batches on all cores and their bytes are not kept, so a verifier holds the events of a large
/// log, not the events and the bytes.
/// </summary>
public sealed class DecodedLog
{
    // Large enough to keep both cores busy, small enough that a batch's bundles are few.
    private const int Batch = 4096;

    private readonly List<LedgerEvent?> _events = [];
    private readonly List<string?> _errors = [];
    private readonly List<ReadOnlyMemory<byte>> _pending = new(Batch);

    /// <summary>How many entries were added.</summary>
    public int Count => _events.Count + _pending.Count;

    /// <summary>The decoded events, null where <see cref="Error"/> says why; complete after <see cref="Complete"/>.</summary>
    public IReadOnlyList<LedgerEvent?> Events => _events;

    /// <summary>Decodes every entry of a list.</summary>
    public static DecodedLog Of(IEnumerable<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var log = new DecodedLog();
        foreach (ReadOnlyMemory<byte> entry in entries)
        {
            log.Add(entry);
        }

        log.Complete();
        return log;
    }

    /// <summary>
    /// Adds the next entry. Its bytes may be a slice of a buffer the caller reuses only after the
    /// next <see cref="Batch"/> entries or <see cref="Complete"/>.
    /// </summary>
    public void Add(ReadOnlyMemory<byte> entry)
    {
        _pending.Add(entry);
        if (_pending.Count == Batch)
        {
            DecodePending();
        }
    }

    /// <summary>Decodes what is left; call once every entry is added.</summary>
    public void Complete() => DecodePending();

    /// <summary>Why entry <paramref name="index"/> is not an event, or null if it is one.</summary>
    public string? Error(int index) => _errors[index];

    private void DecodePending()
    {
        int first = _events.Count;
        var events = new LedgerEvent?[_pending.Count];
        var errors = new string?[_pending.Count];
        Parallel.For(0, _pending.Count, i =>
        {
            try
            {
                events[i] = EventCodec.Decode(_pending[i].Span);
            }
            catch (EventFormatException ex)
            {
                errors[i] = $"entry {(first + i).ToString(CultureInfo.InvariantCulture)}: not an event this software reads: {InputFile.OneLine(ex.Message)}";
            }
        });
        _events.AddRange(events);
        _errors.AddRange(errors);
        _pending.Clear();
    }
}
