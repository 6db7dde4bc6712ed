namespace OwnersVote.Ledger;

/// <summary>A key that signs note text (c2sp.org/signed-note), identified by name and key ID.</summary>
public interface INoteSigner
{
    /// <summary>The key name written on the signature line.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key ID that prefixes the signature bytes (big-endian).</summary>
    public uint KeyId { get; }

    /// <summary>Signs the note text (including its final newline); returns the signature without the key ID.</summary>
    public byte[] Sign(ReadOnlySpan<byte> text);
}
