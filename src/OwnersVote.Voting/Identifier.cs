namespace OwnersVote.Voting;

/// <summary>The one rule every id on the roll follows.</summary>
internal static class Identifier
{
    /// <summary>
    /// Returns <paramref name="value"/> if it is a usable id: not empty, no leading or trailing
    /// white space (which would make "101" and "101 " two units), no control characters.
    /// </summary>
    public static string Check(string value, string kind)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            throw new VotingDataException(VotingDataError.MalformedId, $"empty {kind} id");
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            throw new VotingDataException(VotingDataError.MalformedId, $"{kind} id '{value}' has leading or trailing spaces");
        }

        if (value.Any(char.IsControl))
        {
            throw new VotingDataException(VotingDataError.MalformedId, $"{kind} id has a control character");
        }

        return value;
    }
}
