using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Privacy;

/// <summary>An owner the roll knows by an ID-number hash: their compound and keyed-hash id, and who recorded it.</summary>
public sealed record IdentifiedOwner(string CompoundId, string OwnerHash, string RecordedBy);

/// <summary>
/// The editable roll's particulars used at sign-in (<see cref="RollOwnerRow"/>): which owner carries
/// an ID-number hash (<c>CompoundKey.IdNumberHashAsync</c>: the number itself is never kept), and the
/// phone number on file for the invitation's second factor.
/// </summary>
public sealed class OwnerIdentities(OwnersVoteDb db)
{
    /// <summary>How many trailing digits of the phone number the owner types.</summary>
    public const int PhoneDigits = 4;

    /// <summary>Every owner (in any compound) whose roll entry carries this ID-number hash, by compound.</summary>
    public async Task<IReadOnlyList<IdentifiedOwner>> FindAsync(string idNumberHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idNumberHash);
        return await db.RollOwners.AsNoTracking()
            .Where(o => o.IdNumberHash == idNumberHash)
            .OrderBy(o => o.CompoundId)
            .Select(o => new IdentifiedOwner(o.CompoundId, o.OwnerHash, o.UpdatedBy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The last <see cref="PhoneDigits"/> digits of the owner's phone on file, or null when none is (or it has fewer digits).</summary>
    public async Task<string?> PhoneEndingAsync(string compoundId, string ownerHash, CancellationToken cancellationToken)
    {
        string? phone = await db.RollOwners.AsNoTracking()
            .Where(o => o.CompoundId == compoundId && o.OwnerHash == ownerHash)
            .Select(o => o.Phone)
            .FirstOrDefaultAsync(cancellationToken);
        return Ending(phone);
    }

    /// <summary>The last four digits of a phone number as written on the roll (spaces, +86, hyphens ignored), or null.</summary>
    public static string? Ending(string? phone)
    {
        string digits = string.Concat((phone ?? "").Where(char.IsAsciiDigit));
        return digits.Length >= PhoneDigits ? digits[^PhoneDigits..] : null;
    }

    /// <summary>Whether the typed digits are the phone's ending, compared in constant time.</summary>
    public static bool EndingMatches(string ending, string? typed)
    {
        ArgumentNullException.ThrowIfNull(ending);
        string digits = string.Concat((typed ?? "").Where(char.IsAsciiDigit));
        return digits.Length == PhoneDigits
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ending), Encoding.ASCII.GetBytes(digits));
    }
}
