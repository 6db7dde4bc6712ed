namespace OwnersVote.Voting.Events;

/// <summary>What kind of authenticator holds an enrolled credential.</summary>
public enum CredentialKind
{
    /// <summary><c>passkey</c>: the owner's own platform or roaming authenticator.</summary>
    Passkey = 1,

    /// <summary><c>device-key</c>: a key held by a device the compound issued (e.g. a kiosk token).</summary>
    DeviceKey = 2,
}
