namespace OwnersVote.Voting.Signing;

/// <summary>An enrolled credential as the relying party keeps it (WebAuthn "credential record", §4).</summary>
/// <param name="CredentialId">The credential's raw id.</param>
/// <param name="PublicKey">The credential public key.</param>
/// <param name="SignCount">The last signature counter accepted for it (0 when new).</param>
public sealed record StoredCredential(ReadOnlyMemory<byte> CredentialId, CoseKey PublicKey, uint SignCount);
