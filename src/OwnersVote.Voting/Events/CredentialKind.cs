namespace OwnersVote.Voting.Events;

/// <summary>What kind of authenticator holds an enrolled credential.</summary>
public enum CredentialKind
{
    /// <summary><c>passkey</c>: the owner's own platform or roaming authenticator.</summary>
    Passkey = 1,

    /// <summary>
    /// <c>device-key</c>: a non-extractable WebCrypto ECDSA P-256 key in the owner's browser, for
    /// browsers without WebAuthn; its signatures follow <see cref="Signing.DeviceKeyVerifier"/>.
    /// </summary>
    DeviceKey = 2,
}
