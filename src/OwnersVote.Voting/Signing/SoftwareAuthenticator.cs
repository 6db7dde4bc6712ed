using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// A WebAuthn authenticator in software (ECDSA P-256, ES256) for the demo seeder, the load test and
/// tests. It produces the genuine structures a browser and a passkey would: a COSE_Key and credential
/// id at creation; per assertion, authenticator data (rpIdHash, UP/UV flags, counter), client data
/// JSON (type, challenge, origin, crossOrigin) and a DER-encoded signature over
/// authenticatorData ‖ SHA-256(clientDataJSON). Not for real owners: the private key is in memory.
/// </summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    private readonly ECDsa _key;
    private readonly byte[] _credentialId;
    private readonly byte[] _rpIdHash;

    private SoftwareAuthenticator(ECDsa key, byte[] credentialId, string rpId, uint signCount)
    {
        _key = key;
        _credentialId = credentialId;
        _rpIdHash = SHA256.HashData(Encoding.UTF8.GetBytes(rpId));
        SignCount = signCount;
        ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
        CosePublicKey = CoseKey.EncodeEs256(parameters.Q.X, parameters.Q.Y);
    }

    /// <summary>The credential's raw id.</summary>
    public ReadOnlyMemory<byte> CredentialId => _credentialId;

    /// <summary>The credential public key as a COSE_Key (EC2, P-256, alg −7).</summary>
    public byte[] CosePublicKey { get; }

    /// <summary>The counter of the last assertion (0 before the first).</summary>
    public uint SignCount { get; private set; }

    /// <summary>Whether assertions set the UV flag (the user verified with PIN or biometrics). Default true.</summary>
    public bool VerifiesUser { get; set; } = true;

    /// <summary>Whether each assertion increments the counter (many synced passkeys keep it at 0). Default true.</summary>
    public bool IncrementsCounter { get; set; } = true;

    /// <summary>
    /// Makes a new credential (authenticatorMakeCredential, WebAuthn §6.3.2) scoped to
    /// <paramref name="rpId"/>: a fresh P-256 key and a random 16-byte credential id.
    /// </summary>
    public static SoftwareAuthenticator MakeCredential(string rpId) =>
        new(ECDsa.Create(ECCurve.NamedCurves.nistP256), RandomNumberGenerator.GetBytes(16), rpId, 0);

    /// <summary>Restores a credential from its PKCS #8 private key, e.g. a demo owner's fixed key.</summary>
    public static SoftwareAuthenticator Import(string rpId, ReadOnlySpan<byte> pkcs8PrivateKey, ReadOnlySpan<byte> credentialId, uint signCount)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8PrivateKey, out _);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new ArgumentException("The key is not a P-256 key.", nameof(pkcs8PrivateKey));
        }

        return new SoftwareAuthenticator(key, credentialId.ToArray(), rpId, signCount);
    }

    /// <summary>The private key as PKCS #8, to restore the credential later with <see cref="Import"/>.</summary>
    public byte[] ExportPkcs8PrivateKey() => _key.ExportPkcs8PrivateKey();

    /// <summary>The credential as the relying party stores it at enrollment.</summary>
    public StoredCredential ToStoredCredential() => new(_credentialId, CoseKey.Parse(CosePublicKey), 0);

    /// <summary>
    /// The response <c>navigator.credentials.create</c> would return for this credential
    /// (authenticatorMakeCredential, WebAuthn §6.3.2, attestation <c>none</c>, §8.7): the
    /// attestation object and the client data JSON over <paramref name="challenge"/>.
    /// </summary>
    public (byte[] AttestationObject, byte[] ClientDataJson) CreateRegistration(ReadOnlySpan<byte> challenge, string origin)
    {
        AuthenticatorFlags flags = AuthenticatorFlags.UserPresent | (VerifiesUser ? AuthenticatorFlags.UserVerified : AuthenticatorFlags.None);
        byte[] authData = AuthenticatorData.EncodeWithCredential(_rpIdHash, flags, SignCount, _credentialId, CosePublicKey);
        var clientData = new JsonObject
        {
            ["type"] = "webauthn.create",
            ["challenge"] = Base64UrlText.Encode(challenge),
            ["origin"] = origin,
            ["crossOrigin"] = false,
        };

        // {"fmt": "none", "attStmt": {}, "authData": h'…'} in CTAP2 canonical key order.
        byte[] lengthHead = authData.Length < 256 ? [0x58, (byte)authData.Length] : [0x59, (byte)(authData.Length >> 8), (byte)authData.Length];
        byte[] attestationObject = [0xA3, 0x63, .. "fmt"u8, 0x64, .. "none"u8, 0x67, .. "attStmt"u8, 0xA0, 0x68, .. "authData"u8, .. lengthHead, .. authData];
        return (attestationObject, Encoding.UTF8.GetBytes(clientData.ToJsonString()));
    }

    /// <summary>
    /// Produces an assertion (authenticatorGetAssertion, WebAuthn §6.3.3, with the client's
    /// collected client data, §5.8.1) over <paramref name="challenge"/> for <paramref name="origin"/>.
    /// </summary>
    public WebAuthnAssertion GetAssertion(ReadOnlySpan<byte> challenge, string origin, bool crossOrigin = false)
    {
        if (IncrementsCounter)
        {
            SignCount = checked(SignCount + 1);
        }

        AuthenticatorFlags flags = AuthenticatorFlags.UserPresent | (VerifiesUser ? AuthenticatorFlags.UserVerified : AuthenticatorFlags.None);
        byte[] authenticatorData = AuthenticatorData.Encode(_rpIdHash, flags, SignCount);

        // §5.8.1.1: the client writes type, challenge, origin, crossOrigin in this order.
        var clientData = new JsonObject
        {
            ["type"] = "webauthn.get",
            ["challenge"] = Base64UrlText.Encode(challenge),
            ["origin"] = origin,
            ["crossOrigin"] = crossOrigin,
        };
        byte[] clientDataJson = Encoding.UTF8.GetBytes(clientData.ToJsonString());
        return new WebAuthnAssertion(_credentialId, authenticatorData, clientDataJson, Sign(authenticatorData, clientDataJson));
    }

    /// <summary>
    /// Signs arbitrary authenticator data and client data JSON, for tests that need an assertion
    /// whose fields are wrong yet properly signed (another RP ID, flags, type).
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> authenticatorData, ReadOnlySpan<byte> clientDataJson)
    {
        byte[] signed = new byte[authenticatorData.Length + 32];
        authenticatorData.CopyTo(signed);
        SHA256.HashData(clientDataJson, signed.AsSpan(authenticatorData.Length));
        // WebAuthn §6.5.6: ES256 assertion signatures are ASN.1 DER Ecdsa-Sig-Value.
        return _key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
