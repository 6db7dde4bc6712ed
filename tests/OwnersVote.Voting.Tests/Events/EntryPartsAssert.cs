using OwnersVote.Ledger;
using OwnersVote.Voting.Events;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>What every event logged in parts must do: each part fits, reads back, and joins whole at the last.</summary>
internal static class EntryPartsAssert
{
    /// <summary>
    /// Each part fits in one log entry and reads back byte for byte with its number, and the
    /// assembly returns the whole at the last part and not before; returns the whole.
    /// </summary>
    public static T FitAndJoin<T>(IReadOnlyList<T> parts, PartAssembly<T> assembly, Func<T, (int Part, int Parts)> numbers)
        where T : LedgerEvent
    {
        T? whole = null;
        for (int i = 0; i < parts.Count; i++)
        {
            byte[] entry = EventCodec.Encode(parts[i]);
            Assert.InRange(entry.Length, 1, EntryBundle.MaxEntrySize);
            var decoded = (T)EventCodec.Decode(entry);
            Assert.Equal((i + 1, parts.Count), numbers(decoded));
            Assert.Equal(entry, EventCodec.Encode(decoded));
            whole = assembly.Add(decoded);
            Assert.Equal(i == parts.Count - 1, whole is not null);
        }

        Assert.False(assembly.Incomplete);
        return whole!;
    }
}
