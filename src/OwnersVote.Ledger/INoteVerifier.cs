namespace OwnersVote.Ledger;

/// <summary>A trusted public key that verifies note signatures (c2sp.org/signed-note).</summary>
public interface INoteVerifier
{
    /// <summary>The key name expected on the signature line.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key ID expected in the signature's first four bytes.</summary>
    public uint KeyId { get; }

    /// <summary>Verifies a signature (without its key ID prefix) over the note text.</summary>
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature);
}
