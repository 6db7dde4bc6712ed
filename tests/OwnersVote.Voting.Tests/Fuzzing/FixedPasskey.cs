using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Fuzzing;

/// <summary>
/// A P-256 passkey and one assertion made with it, fixed as bytes: ECDSA signing draws a fresh
/// nonce, so a corpus signed at test time would differ per run and the fuzz runs would not replay.
/// The assertion signs <see cref="Challenge"/> for <see cref="BallotFixtures.Origin"/>; it was made
/// once with Python's cryptography package (private scalar SHA-256("ownersvote fuzz passkey")).
/// </summary>
internal static class FixedPasskey
{
    public static readonly byte[] Pkcs8 = Convert.FromBase64String("MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgcHpD/mnfHGOm9Z8uBS5IKxe6jtjKvI+ngw6tzdeRyNKhRANCAASZKsjWnBkXQcTa0e0c0tnjlTIUAeCr7ASEqvWKAyMp8zYDs7clkNLhk148maDbWRmCOzvqp7tWzfgnrtU3KyY1");

    public static readonly byte[] CredentialId = Convert.FromBase64String("ZGVmZ2hpamtsbW5vcHFycw==");

    /// <summary>The challenge the assertion signs: bytes 0 to 31.</summary>
    public static readonly byte[] Challenge = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    /// <summary>
    /// SHA-256("vote.example.cn") ‖ flags UP|UV ‖ sign count 1, and the client data
    /// <c>{"type":"webauthn.get","challenge":…,"origin":"https://vote.example.cn","crossOrigin":false}</c>.
    /// </summary>
    public static readonly WebAuthnAssertion Assertion = new(
        CredentialId,
        Convert.FromBase64String("g4g3khXe5Yx5hGsXw4It6uKelv6GgdY2+40vrZmviC0FAAAAAQ=="),
        Convert.FromBase64String("eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiQUFFQ0F3UUZCZ2NJQ1FvTERBME9EeEFSRWhNVUZSWVhHQmthR3h3ZEhoOCIsIm9yaWdpbiI6Imh0dHBzOi8vdm90ZS5leGFtcGxlLmNuIiwiY3Jvc3NPcmlnaW4iOmZhbHNlfQ=="),
        Convert.FromBase64String("MEUCIQDHyDp3zGjJwFStAXkt5Ds+2Vc1TGHEF/hN+uvINZ6OCAIgPtQ5whbKMfD8lNc/e/qg3a3cy4FttXyy5SEGEw7UM9c="));

    /// <summary>The passkey, ready to make registrations (deterministic: no signature involved).</summary>
    public static SoftwareAuthenticator Authenticator() => SoftwareAuthenticator.Import(BallotFixtures.RpId, Pkcs8, CredentialId, signCount: 1);
}
