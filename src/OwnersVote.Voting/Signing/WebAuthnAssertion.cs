namespace OwnersVote.Voting.Signing;

/// <summary>
/// What <c>navigator.credentials.get</c> returns and the log keeps for a ballot (WebAuthn §5.2.2
/// AuthenticatorAssertionResponse): the raw bytes, exactly as the authenticator and browser produced them.
/// </summary>
/// <param name="CredentialId">The credential's raw id.</param>
/// <param name="AuthenticatorData">The authenticator data that was signed.</param>
/// <param name="ClientDataJson">The client data JSON that was hashed and signed.</param>
/// <param name="Signature">The signature over authenticatorData ‖ SHA-256(clientDataJSON).</param>
public sealed record WebAuthnAssertion(
    ReadOnlyMemory<byte> CredentialId,
    ReadOnlyMemory<byte> AuthenticatorData,
    ReadOnlyMemory<byte> ClientDataJson,
    ReadOnlyMemory<byte> Signature);
