namespace OwnersVote.Web.Features.RollBook;

/// <summary>
/// The 18-character resident identity number (公民身份号码) of GB 11643-1999: 17 digits and a check
/// character (ISO 7064 MOD 11-2). It is checked and normalised here, then stored only as a keyed
/// hash (<see cref="CompoundKey.IdNumberHashAsync"/>; PIPL).
/// </summary>
public static class ResidentIdNumber
{
    // GB 11643-1999 §8.2: weights 2^(i-1) mod 11 for positions 18..2, the check character
    // maps (sum mod 11) to 1 0 X 9 8 7 6 5 4 3 2.
    private static readonly int[] s_weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The number with spaces removed and x upper-cased, or null when it is not a valid number.</summary>
    public static string? Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string number = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (number.Length != 18 || !number[..17].All(char.IsAsciiDigit))
        {
            return null;
        }

        return CheckCharacter(number[..17]) == number[17] ? number : null;
    }

    /// <summary>The check character of the first 17 digits.</summary>
    public static char CheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17 || !first17.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Expected 17 digits.", nameof(first17));
        }

        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            sum = checked(sum + ((first17[i] - '0') * s_weights[i]));
        }

        return CheckCharacters[sum % 11];
    }
}
