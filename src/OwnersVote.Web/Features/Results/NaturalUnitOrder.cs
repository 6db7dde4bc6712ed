namespace OwnersVote.Web.Features.Results;

/// <summary>Orders unit ids the way people read them: 57-1-201 before 57-1-1001 (numeric runs compare as numbers).</summary>
public sealed class NaturalUnitOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static NaturalUnitOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i;
                int sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                ReadOnlySpan<char> a = x.AsSpan(si, i - si).TrimStart('0');
                ReadOnlySpan<char> b = y.AsSpan(sj, j - sj).TrimStart('0');
                int byLength = a.Length.CompareTo(b.Length);
                int byDigits = byLength != 0 ? byLength : a.SequenceCompareTo(b);
                if (byDigits != 0)
                {
                    return byDigits;
                }
            }
            else
            {
                int c = x[i].CompareTo(y[j]);
                if (c != 0)
                {
                    return c;
                }

                i++;
                j++;
            }
        }

        int rest = (x.Length - i).CompareTo(y.Length - j);
        return rest != 0 ? rest : string.CompareOrdinal(x, y);
    }
}
