using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Privacy;

/// <summary>
/// Resident ID numbers (公民身份号码) kept only as keyed hashes (PIPL; DESIGN.md §1): HMAC-SHA256 of
/// <c>"id|" + number</c> under the deployment's secret key, so neither the tables nor a backup
/// reveal a number, and nobody without the key can test a guessed one. The key is the deployment's
/// owner-hash key (<c>Privacy:KeyFile</c>, by default <c>Demo:CompoundKeyFile</c>: 32 random bytes
/// made on first run, mode 0600), the one the roll is hashed with, so an ID number from the roll
/// and the same number from the identity provider give the same hash in any compound.
/// </summary>
public sealed class IdNumberHash(IOptions<PrivacyOptions> privacy, IOptions<DemoOptions> demo, IHostEnvironment environment) : IDisposable
{
    // GB 11643-1999 §8.2: weights 2^(17-i) mod 11 of the first 17 digits; (sum mod 11) picks the
    // check character from 1 0 X 9 8 7 6 5 4 3 2.
    private static readonly int[] s_weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    /// <summary>
    /// The 18-character number of GB 11643-1999 with white space removed and <c>x</c> upper-cased,
    /// or null when its length, digits or check character (ISO 7064 MOD 11-2) are wrong.
    /// </summary>
    public static string? Normalise(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string number = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (number.Length != 18 || !number[..17].All(char.IsAsciiDigit))
        {
            return null;
        }

        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            sum = checked(sum + ((number[i] - '0') * s_weights[i]));
        }

        return CheckCharacters[sum % 11] == number[17] ? number : null;
    }

    /// <summary>The keyed hash of a number as <see cref="Normalise"/> returns it: hex(HMAC-SHA256(key, "id|" + number)).</summary>
    /// <exception cref="ArgumentException">The number is not a valid, normalised resident ID number.</exception>
    public async Task<string> ComputeAsync(string normalised, CancellationToken cancellationToken)
    {
        if (Normalise(normalised) != normalised)
        {
            throw new ArgumentException("Not a normalised resident ID number (GB 11643).", nameof(normalised));
        }

        return OwnerKey.Hash(await KeyAsync(cancellationToken), "id|" + normalised);
    }

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _key) is { } key)
        {
            return key;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            string file = privacy.Value.KeyFile ?? demo.Value.CompoundKeyFile;
            _key ??= await SecretFile.ReadOrCreateAsync(
                Path.GetFullPath(file, environment.ContentRootPath),
                () => RandomNumberGenerator.GetBytes(OwnerKey.MinimumKeyLength),
                cancellationToken);
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
