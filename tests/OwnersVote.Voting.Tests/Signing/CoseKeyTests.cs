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
    public void A_coordinate_not_below_the_field_prime_is_rejected_even_when_it_is_congruent_to_a_point()
    {
        // (0, √b) is on P-256; p ≡ 0 (mod p), so (p, √b) satisfies the curve equation modulo p but
        // is not a field element (SEC 1 v2 §3.2.2.1 step 2).
        byte[] y = Convert.FromHexString("66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4");
        byte[] p = Convert.FromHexString("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");

        Assert.True(CoseKey.TryParse(CoseKey.EncodeEs256(new byte[32], y), out _));
        Assert.True(PlatformImports(new byte[32], y));
        Assert.False(CoseKey.TryParse(CoseKey.EncodeEs256(p, y), out _));
        Assert.False(PlatformImports(p, y));
    }

    [Fact]
    public void The_curve_check_agrees_with_the_platform_import_on_genuine_and_altered_points()
    {
        for (int i = 0; i < 64; i++)
        {
            using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
            byte[] x = authenticator.CosePublicKey[10..42];
            byte[] y = authenticator.CosePublicKey[45..77];
            byte[] altered = (byte[])y.Clone();
            altered[i % 32] ^= (byte)(1 << (i % 8));
            byte[] negated = Negate(y);

            foreach (byte[] candidate in new[] { y, altered, negated })
            {
                Assert.Equal(PlatformImports(x, candidate), CoseKey.TryParse(CoseKey.EncodeEs256(x, candidate), out _));
            }

            Assert.True(CoseKey.TryParse(CoseKey.EncodeEs256(x, negated), out _));
            Assert.False(CoseKey.TryParse(CoseKey.EncodeEs256(x, altered), out _));
        }
    }

    [Fact]
    public void One_key_verifies_concurrent_signatures_correctly()
    {
        using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        CoseKey key = CoseKey.Parse(authenticator.CosePublicKey);
        byte[] challenge = new byte[32];
        WebAuthnAssertion assertion = authenticator.GetAssertion(challenge, BallotFixtures.Origin);
        byte[] signed = [.. assertion.AuthenticatorData.Span, .. System.Security.Cryptography.SHA256.HashData(assertion.ClientDataJson.Span)];
        byte[] tampered = [.. signed];
        tampered[^1] ^= 0x01;

        bool[] results = new bool[400];
        Parallel.For(0, results.Length, i => results[i] = key.Verify(i % 2 == 0 ? signed : tampered, assertion.Signature.Span));

        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal(x.i % 2 == 0, x.r));
    }

    [Fact]
    public void Each_ES256_key_verifies_its_own_signatures_and_refuses_another_keys_or_altered_data()
    {
        // Keys are imported straight into OpenSSL 3 where available (P256PublicKey, issue 10):
        // every verdict must be the one the platform's own import gives.
        SoftwareAuthenticator[] authenticators = [.. Enumerable.Range(0, 48).Select(_ => SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId))];
        try
        {
            byte[] challenge = new byte[32];
            for (int i = 0; i < authenticators.Length; i++)
            {
                CoseKey key = CoseKey.Parse(authenticators[i].CosePublicKey);
                WebAuthnAssertion own = authenticators[i].GetAssertion(challenge, BallotFixtures.Origin);
                WebAuthnAssertion other = authenticators[(i + 1) % authenticators.Length].GetAssertion(challenge, BallotFixtures.Origin);
                byte[] signed = [.. own.AuthenticatorData.Span, .. System.Security.Cryptography.SHA256.HashData(own.ClientDataJson.Span)];
                byte[] otherSigned = [.. other.AuthenticatorData.Span, .. System.Security.Cryptography.SHA256.HashData(other.ClientDataJson.Span)];
                byte[] altered = [.. signed];
                altered[i % altered.Length] ^= (byte)(1 << (i % 8));

                Assert.True(key.Verify(signed, own.Signature.Span));
                Assert.Equal(PlatformVerifies(authenticators[i].CosePublicKey, signed, own.Signature.ToArray()), key.Verify(signed, own.Signature.Span));
                Assert.False(key.Verify(otherSigned, other.Signature.Span));
                Assert.False(key.Verify(altered, own.Signature.Span));
                Assert.False(PlatformVerifies(authenticators[i].CosePublicKey, altered, own.Signature.ToArray()));
            }
        }
        finally
        {
            foreach (SoftwareAuthenticator authenticator in authenticators)
            {
                authenticator.Dispose();
            }
        }
    }

    private static bool PlatformVerifies(byte[] cose, byte[] data, byte[] signature)
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            Q = new System.Security.Cryptography.ECPoint { X = cose[10..42], Y = cose[45..77] },
        });
        return ecdsa.VerifyData(data, signature, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
    }

    private static bool PlatformImports(byte[] x, byte[] y)
    {
        try
        {
            using var ecdsa = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
            {
                Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
                Q = new System.Security.Cryptography.ECPoint { X = x, Y = y },
            });
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    // p − y: the point's negation, also on the curve.
    private static byte[] Negate(byte[] y)
    {
        var prime = System.Numerics.BigInteger.Parse("115792089210356248762697446949407573530086143415290314195533631308867097853951", System.Globalization.CultureInfo.InvariantCulture);
        byte[] result = (prime - new System.Numerics.BigInteger(y, isUnsigned: true, isBigEndian: true)).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - result.Length], .. result];
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

    [Fact]
    public void A_remembered_signature_still_refuses_every_other_signature_data_or_split()
    {
        using var signer = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        System.Security.Cryptography.ECParameters p = signer.ExportParameters(false);
        CoseKey key = CoseKey.Parse(CoseKey.EncodeEs256(p.Q.X, p.Q.Y));
        byte[] Sign(byte[] data) => signer.SignData(data, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
        byte[] data = [.. "ballot"u8];
        byte[] signature = Sign(data);

        // Verified, then answered again (remembered) for exactly the same bytes only; then
        // forgotten, and verified afresh the third time.
        Assert.True(key.Verify(data, signature));
        Assert.True(key.Verify(data, signature));
        Assert.True(key.Verify(data, signature));
        byte[] flipped = [.. signature];
        flipped[^1] ^= 1;
        Assert.False(key.Verify(data, flipped));
        Assert.False(key.Verify("ballos"u8, signature));
        // The same bytes split elsewhere between data and signature are another pair.
        Assert.False(key.Verify([.. data, signature[0]], signature[1..]));

        // More pairs than are remembered: the first is verified afresh, still true.
        for (int i = 0; i < 70; i++)
        {
            byte[] other = [.. "other"u8, (byte)i];
            Assert.True(key.Verify(other, Sign(other)));
        }

        Assert.True(key.Verify(data, signature));
        Assert.False(key.Verify(data, flipped));
    }
}
