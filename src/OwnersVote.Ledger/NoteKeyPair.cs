namespace OwnersVote.Ledger;

/// <summary>A freshly generated key as its two strings.</summary>
/// <param name="SignerKey">The secret <c>PRIVATE+KEY+name+keyid+base64</c> string.</param>
/// <param name="VerifierKey">The public <c>name+keyid+base64</c> string.</param>
public sealed record NoteKeyPair(string SignerKey, string VerifierKey);
