using System.Security.Cryptography;
using System.Text;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

/// <summary>
/// What wwwroot/js/devicekey.js does with WebCrypto, done with .NET's ECDsa: a P-256 key, client
/// data JSON of type <c>ov.device-key</c>, the fixed authenticator data and an IEEE P1363 signature.
/// </summary>
internal sealed class WebCryptoDeviceKey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    public CoseKey PublicKey
    {
        get
        {
            ECParameters p = _key.ExportParameters(includePrivateParameters: false);
            return CoseKey.Parse(CoseKey.EncodeEs256(p.Q.X, p.Q.Y));
        }
    }

    public StoredCredential ToStoredCredential() => new(CredentialId, PublicKey, 0);

    public WebAuthnAssertion Sign(ReadOnlySpan<byte> challenge, string origin = BallotFixtures.Origin, string type = DeviceKeyVerifier.SignType, string rpId = BallotFixtures.RpId)
    {
        byte[] clientData = Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","challenge":"{{Base64UrlText.Encode(challenge)}}","origin":"{{origin}}"}""");
        byte[] authData = DeviceKeyVerifier.AuthenticatorDataFor(rpId);
        byte[] signed = [.. authData, .. SHA256.HashData(clientData)];
        byte[] signature = _key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new WebAuthnAssertion(CredentialId, authData, clientData, signature);
    }

    public void Dispose() => _key.Dispose();
}
