using System.Text;
using OwnersVote.Ledger;

namespace OwnersVote.Voting.Events;

/// <summary>
/// Whether a principal's units can be named by one ballot. Every ballot event names them all
/// (<see cref="BallotCast"/>, <see cref="CustodialBallotCast"/>, <see cref="PaperBallotIssued"/>,
/// <see cref="PaperBallotRecorded"/>) in one log entry, and an entry holds at most 65,535 bytes
/// (c2sp.org/tlog-tiles: a 16-bit length). A principal who holds thousands of units (JI
/// art. 9: a developer's unsold units count together as one) can name more than fits: at ~9
/// bytes per unit such as <c>"57-101",</c>, about 6,300 units; at ~18 bytes per unit such as
/// <c>"3栋2单元1501",</c>, about 3,100. Such a ballot is refused before it is signed or printed,
/// with that reason, instead of failing when it is appended.
/// </summary>
public static class BallotUnits
{
    /// <summary>
    /// Bytes of an entry kept for everything but the unit list: the header, the principal, the
    /// answers, the WebAuthn assertion (its client data is ~200–400 bytes), a handwriting hash or a
    /// paper ballot's scan fields. At the budget, a ballot with ten answers, a handwriting hash and
    /// a browser's client data stays more than half the reserve under the limit (BallotUnitsTests).
    /// </summary>
    public const int Reserve = 8 * 1024;

    /// <summary>The most bytes the unit list (a JSON array, RFC 8785) may take: <see cref="EntryBundle.MaxEntrySize"/> less <see cref="Reserve"/>.</summary>
    public const int MaxListBytes = EntryBundle.MaxEntrySize - Reserve;

    /// <summary>Whether <paramref name="units"/> fit in one ballot entry beside the rest of a ballot.</summary>
    public static bool FitOneEntry(IEnumerable<string> units) => ListBytes(units) <= MaxListBytes;

    /// <summary>
    /// The length of <paramref name="units"/> as a canonical JSON array (RFC 8785 §3.2.2.2: a
    /// string is UTF-8 with <c>"</c> and <c>\</c> escaped by a backslash, and control characters as
    /// <c>\b</c>, <c>\t</c>, <c>\n</c>, <c>\f</c>, <c>\r</c> or <c>\u00xx</c>).
    /// </summary>
    public static int ListBytes(IEnumerable<string> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        // The brackets, then each string's quotes, and a comma before every string but the first.
        long bytes = 2;
        bool first = true;
        foreach (string unit in units)
        {
            bytes += (first ? 2 : 3) + Encoding.UTF8.GetByteCount(unit);
            first = false;
            foreach (char c in unit)
            {
                bytes += c switch
                {
                    '"' or '\\' or '\b' or '\t' or '\n' or '\f' or '\r' => 1,
                    < ' ' => 5,
                    _ => 0,
                };
            }
        }

        return (int)Math.Min(bytes, int.MaxValue);
    }
}
