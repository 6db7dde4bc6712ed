namespace OwnersVote.Ledger;

/// <summary>
/// A note split into text and signature lines, NOT verified. c2sp.org/signed-note: "The text MUST
/// be ignored unless the note is signed by a trusted key and the signature has been verified";
/// use this only to route a note (e.g. pick verifiers by origin), then <see cref="Note.Open"/>.
/// </summary>
/// <param name="Text">The text, including its final newline.</param>
/// <param name="Signatures">The signature lines in order.</param>
public sealed record ParsedNote(string Text, IReadOnlyList<NoteSignature> Signatures);
