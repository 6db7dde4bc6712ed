using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

public sealed class CoseKeyTests
{
    [Fact]
    public void An_ES256_key_of_the_software_authenticator_parses()
    {
        using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);

        Assert.True(CoseKey.TryParse(authenticator.CosePublicKey, out CoseKey? key));
        Assert.Equal(CoseAlgorithm.ES256, key!.Algorithm);
        Assert.Equal(authenticator.CosePublicKey, key.Encoded.ToArray());
    }

    [Fact]
    public void Keys_with_trailing_bytes_indefinite_lengths_or_duplicate_labels_are_rejected()
    {
        using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        byte[] good = authenticator.CosePublicKey;

        Assert.False(CoseKey.TryParse([.. good, 0x00], out _));
        // Indefinite-length map (RFC 8949 §3.2.2): 0xBF … 0xFF.
        Assert.False(CoseKey.TryParse([0xBF, .. good[1..], 0xFF], out _));
        // Six pairs with label 1 twice.
        Assert.False(CoseKey.TryParse([0xA6, .. good[1..], 0x01, 0x02], out _));
        // A 24 encoded in two bytes where one would do is not the shortest head.
        Assert.False(CoseKey.TryParse([0xA5, 0x18, 0x01, .. good[2..]], out _));
        Assert.False(CoseKey.TryParse(good[..^1], out _));
        Assert.False(CoseKey.TryParse([], out _));
    }

    [Fact]
    public void A_point_off_the_curve_is_rejected()
    {
        using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        byte[] key = (byte[])authenticator.CosePublicKey.Clone();
        key[^1] ^= 0x01;

        Assert.False(CoseKey.TryParse(key, out _));
    }

    [Fact]
    public void An_unsupported_algorithm_is_rejected()
    {
        using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        byte[] key = (byte[])authenticator.CosePublicKey.Clone();
        key[4] = 0x38; // alg −25 (ECDH-ES) instead of −7; 0x38 0x18 is −25.

        Assert.False(CoseKey.TryParse([.. key[..5], 0x18, .. key[5..]], out _));
        Assert.Throws<FormatException>(() => CoseKey.Parse([0xA0]));
    }

    [Fact]
    public void An_RS256_key_verifies_a_PKCS1_signature()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        System.Security.Cryptography.RSAParameters p = rsa.ExportParameters(false);
        byte[] cose =
        [
            0xA4, 0x01, 0x03, 0x03, 0x39, 0x01, 0x00,
            0x20, 0x59, 0x01, 0x00, .. p.Modulus!,
            0x21, 0x43, .. p.Exponent!,
        ];
        byte[] data = "signed"u8.ToArray();
        byte[] signature = rsa.SignData(data, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);

        CoseKey key = CoseKey.Parse(cose);

        Assert.Equal(CoseAlgorithm.RS256, key.Algorithm);
        Assert.True(key.Verify(data, signature));
        Assert.False(key.Verify("other"u8, signature));
        Assert.False(key.Verify(data, signature[..10]));
        Assert.False(key.Verify(data, []));
    }

    [Fact]
    public void An_Ed25519_key_verifies_a_signature()
    {
        var algorithm = NSec.Cryptography.SignatureAlgorithm.Ed25519;
        using var secret = NSec.Cryptography.Key.Create(algorithm);
        byte[] x = secret.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey);
        byte[] cose = [0xA4, 0x01, 0x01, 0x03, 0x27, 0x20, 0x06, 0x21, 0x58, 0x20, .. x];
        byte[] signature = algorithm.Sign(secret, "signed"u8);

        CoseKey key = CoseKey.Parse(cose);

        Assert.Equal(CoseAlgorithm.EdDSA, key.Algorithm);
        Assert.True(key.Verify("signed"u8, signature));
        Assert.False(key.Verify("other"u8, signature));
        Assert.False(key.Verify("signed"u8, signature[..10]));
        Assert.False(key.Verify("signed"u8, [.. signature, 0]));
    }
}
