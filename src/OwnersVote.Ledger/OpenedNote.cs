namespace OwnersVote.Ledger;

/// <summary>A note whose signatures from known keys all verified.</summary>
/// <param name="Text">The note text, including its final newline.</param>
/// <param name="Signatures">Verified signatures with the verifier that checked each (at least one).</param>
/// <param name="UnknownSignatures">Signatures from keys not given to <see cref="Note.Open"/>, kept but unverified.</param>
public sealed record OpenedNote(
    string Text,
    IReadOnlyList<VerifiedNoteSignature> Signatures,
    IReadOnlyList<NoteSignature> UnknownSignatures);

/// <summary>A signature and the known key that verified it.</summary>
/// <param name="Signature">The signature line.</param>
/// <param name="Verifier">The verifier that accepted it.</param>
public sealed record VerifiedNoteSignature(NoteSignature Signature, INoteVerifier Verifier);
