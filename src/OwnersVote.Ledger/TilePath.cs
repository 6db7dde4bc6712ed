using System.Globalization;
using System.Text;

namespace OwnersVote.Ledger;

/// <summary>
/// The coordinates of a hash tile (<c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c>) or an entry bundle
/// (<c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>) of a c2sp.org/tlog-tiles log, for trees of up to
/// 2^63 - 1 leaves.
/// </summary>
public readonly record struct TilePath
{
    /// <summary>"Full tiles MUST be exactly 256 hashes wide" (c2sp.org/tlog-tiles); bundles likewise hold 256 entries.</summary>
    public const int FullWidth = 256;

    /// <summary>
    /// The highest level a tree with a <see cref="long"/> size can have: a level-8 hash would
    /// span 2^64 leaves. (The spec allows levels 0 to 63 for larger trees.)
    /// </summary>
    public const int MaxLevel = 7;

    private TilePath(bool isEntryBundle, int level, long index, int width)
    {
        IsEntryBundle = isEntryBundle;
        Level = level;
        Index = index;
        Width = width;
    }

    /// <summary>True for <c>tile/entries/…</c>, false for a hash tile.</summary>
    public bool IsEntryBundle { get; }

    /// <summary>The tile level L: its hashes are at tree level 8·L. 0 for entry bundles.</summary>
    public int Level { get; }

    /// <summary>The index N of the tile within its level.</summary>
    public long Index { get; }

    /// <summary>The number of hashes (or entries): 256 for a full tile, 1 to 255 for a partial one.</summary>
    public int Width { get; }

    /// <summary>Whether this is a partial tile (path suffix <c>.p/&lt;W&gt;</c>).</summary>
    public bool IsPartial => Width < FullWidth;

    /// <summary>The first leaf index the tile spans: N·256^(L+1) (its "start index").</summary>
    public long StartIndex => Level >= MaxLevel ? 0 : Index << (8 * (Level + 1));

    /// <summary>The path of the full tile with the same coordinates.</summary>
    public TilePath Full => new(IsEntryBundle, Level, Index, FullWidth);

    /// <summary>A hash tile: level <paramref name="level"/>, index <paramref name="index"/>, width 1 to 256.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is out of range.</exception>
    public static TilePath ForHashes(int level, long index, int width = FullWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        CheckIndexAndWidth(level, index, width);
        return new TilePath(false, level, index, width);
    }

    /// <summary>An entry bundle: index <paramref name="index"/>, width 1 to 256.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is out of range.</exception>
    public static TilePath ForEntries(long index, int width = FullWidth)
    {
        CheckIndexAndWidth(0, index, width);
        return new TilePath(true, 0, index, width);
    }

    /// <summary>The path, e.g. <c>tile/0/x001/x234/067.p/8</c> or <c>tile/entries/000</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("tile/");
        builder.Append(IsEntryBundle ? "entries" : Level.ToString(CultureInfo.InvariantCulture));
        // c2sp.org/tlog-tiles: "<N> ... MUST be a non-negative integer encoded into zero-padded
        // 3-digit path elements. All but the last path element MUST begin with an x. For example,
        // index 1234067 will be encoded as x001/x234/067."
        var groups = new Stack<long>();
        long n = Index;
        do
        {
            groups.Push(n % 1000);
            n /= 1000;
        }
        while (n > 0);

        while (groups.Count > 0)
        {
            long group = groups.Pop();
            builder.Append('/');
            if (groups.Count > 0)
            {
                builder.Append('x');
            }

            builder.Append(group.ToString("D3", CultureInfo.InvariantCulture));
        }

        if (IsPartial)
        {
            builder.Append(".p/").Append(Width.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>Parses a canonical tile or entry bundle path.</summary>
    /// <exception cref="FormatException">The path is not a canonical c2sp.org/tlog-tiles path.</exception>
    public static TilePath Parse(string path) =>
        TryParse(path, out TilePath tile) ? tile : throw new FormatException($"'{path}' is not a canonical c2sp.org/tlog-tiles path.");

    /// <summary>
    /// Parses a canonical tile or entry bundle path: no leading zeroes in L or W, the
    /// shortest <c>x</c>-prefixed 3-digit encoding of N, W from 1 to 255 only after <c>.p/</c>.
    /// </summary>
    public static bool TryParse(string? path, out TilePath tile)
    {
        tile = default;
        if (path is null || !path.StartsWith("tile/", StringComparison.Ordinal))
        {
            return false;
        }

        string[] segments = path[5..].Split('/');
        if (segments.Length < 2)
        {
            return false;
        }

        bool entries = segments[0] == "entries";
        int level = 0;
        if (!entries && !TryParseDecimal(segments[0], MaxLevel, out level))
        {
            return false;
        }

        int end = segments.Length;
        int width = FullWidth;
        string last = segments[end - 1];
        if (end >= 3 && segments[end - 2].EndsWith(".p", StringComparison.Ordinal))
        {
            // "<W> is the width of the tile, a decimal ASCII integer between 1 and 255, with no
            // additional leading zeroes."
            if (!TryParseDecimal(last, FullWidth - 1, out width) || width == 0)
            {
                return false;
            }

            end--;
            last = segments[end - 1][..^2];
        }

        long index = 0;
        for (int i = 1; i < end; i++)
        {
            string group = i == end - 1 ? last : segments[i];
            bool isLast = i == end - 1;
            if (group.Length != (isLast ? 3 : 4) || (!isLast && group[0] != 'x'))
            {
                return false;
            }

            ReadOnlySpan<char> digits = isLast ? group : group.AsSpan(1);
            if (!IsAsciiDigits(digits) || index > (long.MaxValue - 999) / 1000)
            {
                return false;
            }

            // The shortest encoding: a leading group is never 000.
            int value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            if (i == 1 && !isLast && value == 0)
            {
                return false;
            }

            index = (index * 1000) + value;
        }

        if (index > MaxIndex(level))
        {
            return false;
        }

        tile = new TilePath(entries, level, index, width);
        // Belt and braces: only the canonical spelling parses.
        return tile.ToString() == path;
    }

    private static void CheckIndexAndWidth(int level, long index, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // The tile's start index N·256^(L+1) must be a leaf index of a long-sized tree.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, MaxIndex(level));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, FullWidth);
    }

    // The largest N whose start index N·256^(L+1) is a long; a shift by 64 would wrap, hence the
    // explicit top level.
    private static long MaxIndex(int level) => level >= MaxLevel ? 0 : long.MaxValue >> (8 * (level + 1));

    private static bool TryParseDecimal(string text, int max, out int value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 3 || !IsAsciiDigits(text) || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value <= max;
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
