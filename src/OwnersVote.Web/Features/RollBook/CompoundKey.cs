using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>
/// The deployment's secret owner-hash key (<c>Demo:CompoundKeyFile</c>: 32 random bytes made on
/// first run, mode 0600, the key the demo's roll was hashed with), and the two keyed hashes made
/// with it. PIPL: the log knows owners only as <see cref="OwnerHashAsync"/>; ID numbers are stored only
/// as <see cref="IdNumberHashAsync"/>.
/// </summary>
public sealed class CompoundKey(IOptions<DemoOptions> options, IHostEnvironment environment)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    /// <summary>The owner's keyed-hash id in the log for a roll's owner code: HMAC(key, "owner|" + code).</summary>
    public async Task<string> OwnerHashAsync(string ownerCode, CancellationToken cancellationToken) =>
        OwnerKey.Hash(await KeyAsync(cancellationToken), "owner|" + ownerCode);

    /// <summary>The keyed hash of a normalised resident ID number: HMAC(key, "id|" + number).</summary>
    public async Task<string> IdNumberHashAsync(string normalisedIdNumber, CancellationToken cancellationToken) =>
        OwnerKey.Hash(await KeyAsync(cancellationToken), "id|" + normalisedIdNumber);

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _key) is { } key)
        {
            return key;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _key ??= await SecretFile.ReadOrCreateAsync(
                Path.GetFullPath(options.Value.CompoundKeyFile, environment.ContentRootPath),
                () => RandomNumberGenerator.GetBytes(OwnerKey.MinimumKeyLength),
                cancellationToken);
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }
}
