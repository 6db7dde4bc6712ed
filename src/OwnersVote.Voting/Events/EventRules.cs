namespace OwnersVote.Voting.Events;

/// <summary>Checks shared by encoding (a bug: <see cref="ArgumentException"/>) and decoding (bad data: <see cref="EventFormatException"/>).</summary>
internal static class EventRules
{
    public static Func<string, Exception> OnEncode(string type) => message => new ArgumentException($"{type}: {message}");

    public static Func<string, Exception> OnDecode(string path) => message => new EventFormatException($"{path}: {message}");

    /// <summary>Lists in events are sorted (ordinal) and unique, so each set has one encoding.</summary>
    public static void SortedUnique(IReadOnlyList<string> items, string what, Func<string, Exception> fail)
    {
        for (int i = 1; i < items.Count; i++)
        {
            if (string.CompareOrdinal(items[i - 1], items[i]) >= 0)
            {
                throw fail($"{what} must be sorted and unique; \"{items[i - 1]}\" is not before \"{items[i]}\".");
            }
        }
    }

    public static void NonEmpty(string? value, string what, Func<string, Exception> fail)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw fail($"{what} must not be empty.");
        }
    }

    public static void OwnerHash(string? value, string what, Func<string, Exception> fail)
    {
        if (!OwnerKey.IsHash(value))
        {
            throw fail($"{what} must be an owner hash (64 lowercase hex digits, OwnerKey.Hash), never a name or ID number.");
        }
    }

    public static void TwoOfficers(IReadOnlyList<string> officers, Func<string, Exception> fail)
    {
        SortedUnique(officers, "officers", fail);
        // DESIGN.md §3: two-person rule for enrolment.
        if (officers.Count < 2)
        {
            throw fail("two different officers must confirm (two-person rule).");
        }
    }

    /// <summary>A paper serial is the fourth field of a QR payload <c>v1|vote|unit|serial|mac</c> (docs/paper-ballots.md).</summary>
    public static void PaperSerial(string? serial, Func<string, Exception> fail)
    {
        if (string.IsNullOrEmpty(serial) || serial.Length > 64 || serial.Any(c => c is '|' || char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw fail("serial is 1 to 64 characters, without '|', spaces or control characters.");
        }
    }

    /// <summary>An objection id: 1 to 64 ASCII letters, digits or '-'.</summary>
    public static void ObjectionId(string? id, Func<string, Exception> fail)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw fail("an objection id is 1 to 64 ASCII letters, digits or '-'.");
        }
    }

    /// <summary>A paper sheet names its principal, a valid serial and the principal's units, sorted and unique.</summary>
    public static void PaperSheet(string? principal, string? serial, IReadOnlyList<string> units, Func<string, Exception> fail)
    {
        NonEmpty(principal, "principal", fail);
        PaperSerial(serial, fail);
        if (units.Count == 0)
        {
            throw fail("a sheet names at least one unit.");
        }

        SortedUnique(units, "units", fail);
    }

    public static System.Text.Json.Nodes.JsonArray Strings(IEnumerable<string> items)
    {
        var array = new System.Text.Json.Nodes.JsonArray();
        foreach (string item in items)
        {
            array.Add(item);
        }

        return array;
    }
}
