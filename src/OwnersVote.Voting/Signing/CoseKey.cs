using System.Numerics;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace OwnersVote.Voting.Signing;

/// <summary>COSE algorithm identifiers accepted for ballot signatures (IANA COSE Algorithms registry).</summary>
public enum CoseAlgorithm
{
    /// <summary>ECDSA with SHA-256 on P-256 (RFC 9053 §2.1). Every passkey can use it.</summary>
    ES256 = -7,

    /// <summary>EdDSA, here Ed25519 only (RFC 9053 §2.2).</summary>
    EdDSA = -8,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8812 §2), used by Windows Hello.</summary>
    RS256 = -257,
}

/// <summary>
/// A credential public key as WebAuthn stores it: a COSE_Key (RFC 9052 §7) in CBOR. Only the key
/// types and parameters of ES256, RS256 and Ed25519 are accepted, each with its <c>alg</c>, and no
/// other labels; the encoding must be exactly one definite-length CBOR map.
/// </summary>
/// <remarks>
/// An ES256 key is imported into the platform's ECDSA once, at its first verification, and kept:
/// a log's recount verifies every ballot of a credential with the same key object. Instances are
/// safe for concurrent use.
/// </remarks>
public sealed class CoseKey
{
    // COSE key common parameters (RFC 9052 §7.1) and key type parameters (RFC 9053 §7.1, §7.2; RFC 8230 §4).
    private const long LabelKty = 1;
    private const long LabelAlg = 3;
    private const long LabelCrvOrN = -1;
    private const long LabelXOrE = -2;
    private const long LabelY = -3;
    private const long KtyOkp = 1;
    private const long KtyEc2 = 2;
    private const long KtyRsa = 3;
    private const long CrvP256 = 1;
    private const long CrvEd25519 = 6;

    // P-256 domain parameters (SEC 2 v2 §2.4.2; FIPS 186-5 / SP 800-186 §3.2.1.3): the field prime
    // p and the coefficient b of y² = x³ − 3x + b.
    private static readonly BigInteger s_p256P = BigInteger.Parse("115792089210356248762697446949407573530086143415290314195533631308867097853951", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger s_p256B = BigInteger.Parse("41058363725152142129326129780047268409114441015993725554835256314039467401291", System.Globalization.CultureInfo.InvariantCulture);

    private readonly byte[] _x;
    private readonly byte[] _y;
    private readonly Lock _importLock = new();

    // The imported ES256 public key, made at the first Verify; null before, and for other algorithms.
    // Held for the key's lifetime: a public key holds no secret, and the finalizer frees it.
    private ECDsa? _ecdsa;

    // Issue 10: the web app's cast path verifies a ballot's signature and its projector verifies
    // the same bytes with the same key object moments later; ov verify checks a batch's
    // signatures on all cores and its replay then checks each again, in log order. ECDSA
    // verification is a deterministic function of key, data and signature, so a pair that
    // verified once under this key verifies again: each is kept as SHA-256(len(data) ‖ data ‖
    // signature) until it is asked about once more (then forgotten; a third ask verifies afresh),
    // at most RememberedCount per key, the oldest dropped first. Only successes; under _importLock.
    private const int RememberedCount = 64;
    private List<byte[]>? _verified;

    private CoseKey(CoseAlgorithm algorithm, byte[] encoded, byte[] x, byte[] y)
    {
        Algorithm = algorithm;
        Encoded = encoded;
        _x = x;
        _y = y;
    }

    /// <summary>The signature algorithm the key is bound to.</summary>
    public CoseAlgorithm Algorithm { get; }

    /// <summary>The CBOR bytes the key was parsed from.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Parses a COSE_Key; returns false (never throws) for anything malformed or unsupported.</summary>
    public static bool TryParse(ReadOnlySpan<byte> cbor, out CoseKey? key)
    {
        key = null;
        var reader = new CborReader(cbor);
        try
        {
            if (!TryRead(ref reader, cbor.ToArray(), out key) || !reader.AtEnd)
            {
                key = null;
                return false;
            }

            return true;
        }
        catch (FormatException)
        {
            // Malformed CBOR from the wire is a "no", not a crash.
            key = null;
            return false;
        }
    }

    /// <summary>Parses a COSE_Key.</summary>
    /// <exception cref="FormatException">The bytes are not exactly one supported COSE_Key.</exception>
    public static CoseKey Parse(ReadOnlySpan<byte> cbor) =>
        TryParse(cbor, out CoseKey? key) ? key! : throw new FormatException("Not a supported COSE_Key (ES256, RS256 or Ed25519).");

    /// <summary>Encodes an uncompressed P-256 point as an ES256 COSE_Key.</summary>
    /// <exception cref="ArgumentException">A coordinate is not 32 bytes.</exception>
    public static byte[] EncodeEs256(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        if (x.Length != 32 || y.Length != 32)
        {
            throw new ArgumentException("P-256 coordinates are 32 bytes each.");
        }

        // Canonical CBOR map {1: 2, 3: -7, -1: 1, -2: x, -3: y} (RFC 9053 §7.1.1).
        byte[] encoded = new byte[77];
        ReadOnlySpan<byte> head = [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20];
        head.CopyTo(encoded);
        x.CopyTo(encoded.AsSpan(10));
        encoded[42] = 0x22;
        encoded[43] = 0x58;
        encoded[44] = 0x20;
        y.CopyTo(encoded.AsSpan(45));
        return encoded;
    }

    /// <summary>
    /// Verifies a WebAuthn assertion signature over <paramref name="data"/> (authenticatorData ‖
    /// SHA-256(clientDataJSON)). ES256 signatures are ASN.1 DER (WebAuthn §6.5.6, "Signature
    /// Formats"); RS256 is PKCS #1 v1.5; Ed25519 is the raw 64 bytes. Returns false for any bad signature.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        switch (Algorithm)
        {
            case CoseAlgorithm.ES256:
                // One import per key, not per call (P256PublicKey: importing is not free).
                // ECDsa's instance methods are not documented as thread-safe, so calls take turns.
                byte[] digest = PairDigest(data, signature);
                lock (_importLock)
                {
                    int remembered = _verified?.FindIndex(d => CryptographicOperations.FixedTimeEquals(d, digest)) ?? -1;
                    if (remembered >= 0)
                    {
                        _verified!.RemoveAt(remembered);
                        return true;
                    }

                    _ecdsa ??= P256PublicKey.Import(_x, _y);
                    if (!_ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
                    {
                        return false;
                    }

                    _verified ??= [];
                    if (_verified.Count == RememberedCount)
                    {
                        _verified.RemoveAt(0);
                    }

                    _verified.Add(digest);
                    return true;
                }

            case CoseAlgorithm.RS256:
                using (RSA rsa = RSA.Create(new RSAParameters { Modulus = _x, Exponent = _y }))
                {
                    return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }

            case CoseAlgorithm.EdDSA:
                var ed25519 = SignatureAlgorithm.Ed25519;
                return PublicKey.TryImport(ed25519, _x, KeyBlobFormat.RawPublicKey, out PublicKey? publicKey)
                    && ed25519.Verify(publicKey!, data, signature);
            default:
                return false;
        }
    }

    // The length prefix keeps (data, signature) pairs apart that concatenate to the same bytes.
    private static byte[] PairDigest(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        sha.AppendData(length);
        sha.AppendData(data);
        sha.AppendData(signature);
        return sha.GetHashAndReset();
    }

    /// <summary>
    /// Verifies an ES256 signature in IEEE P1363 form (r ‖ s, 32 bytes each), the form WebCrypto's
    /// <c>crypto.subtle.sign({name:"ECDSA"})</c> returns (W3C WebCrypto §23.4.4 "Sign": "the
    /// concatenation of r and s"), unlike WebAuthn's DER. Any other key type or length is false.
    /// </summary>
    public bool VerifyIeeeP1363(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (Algorithm != CoseAlgorithm.ES256 || signature.Length != 64)
        {
            return false;
        }

        using ECDsa ecdsa = P256PublicKey.Import(_x, _y);
        return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool TryRead(ref CborReader reader, byte[] encoded, out CoseKey? key)
    {
        key = null;
        int count = reader.ReadMapHeader();
        var seen = new HashSet<long>();
        long? kty = null, alg = null, crvOrN = null;
        byte[]? xOrE = null, y = null;
        byte[]? n = null;
        for (int i = 0; i < count; i++)
        {
            long label = reader.ReadInt64();
            if (!seen.Add(label))
            {
                // RFC 8949 §5.6: a map with duplicate keys is not valid.
                return false;
            }

            switch (label)
            {
                case LabelKty:
                    kty = reader.ReadInt64();
                    break;
                case LabelAlg:
                    alg = reader.ReadInt64();
                    break;
                case LabelCrvOrN:
                    if (reader.PeekMajorType() == CborMajorType.ByteString)
                    {
                        n = reader.ReadByteString().ToArray();
                    }
                    else
                    {
                        crvOrN = reader.ReadInt64();
                    }

                    break;
                case LabelXOrE:
                    xOrE = reader.ReadByteString().ToArray();
                    break;
                case LabelY:
                    y = reader.ReadByteString().ToArray();
                    break;
                default:
                    return false;
            }
        }

        return Build(kty, alg, crvOrN, n, xOrE, y, encoded, out key);
    }

    private static bool Build(long? kty, long? alg, long? crv, byte[]? n, byte[]? xOrE, byte[]? y, byte[] encoded, out CoseKey? key)
    {
        key = null;
        switch (kty, alg)
        {
            case (KtyEc2, (long)CoseAlgorithm.ES256) when crv == CrvP256 && n is null && xOrE is { Length: 32 } && y is { Length: 32 }:
                if (!IsOnP256(xOrE, y))
                {
                    return false;
                }

                key = new CoseKey(CoseAlgorithm.ES256, encoded, xOrE, y);
                return true;
            case (KtyRsa, (long)CoseAlgorithm.RS256) when crv is null && n is { Length: >= 256 } && n[0] != 0 && xOrE is { Length: > 0 and <= 8 } && y is null:
                if (!IsUsableRsaKey(n, xOrE))
                {
                    return false;
                }

                key = new CoseKey(CoseAlgorithm.RS256, encoded, n, xOrE);
                return true;
            case (KtyOkp, (long)CoseAlgorithm.EdDSA) when crv == CrvEd25519 && n is null && xOrE is { Length: 32 } && y is null:
                key = new CoseKey(CoseAlgorithm.EdDSA, encoded, xOrE, []);
                return true;
            default:
                return false;
        }
    }

    private static bool IsUsableRsaKey(byte[] modulus, byte[] exponent)
    {
        try
        {
            using RSA rsa = RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent });
            return true;
        }
        catch (CryptographicException)
        {
            // The platform refuses some keys on import (an even or unit exponent: "bad e value");
            // refused here, they would otherwise throw from Verify on every assertion (found by fuzzing).
            return false;
        }
    }

    // SEC 1 v2 §3.2.2.1 (public key validation) for a curve of cofactor 1: both coordinates are
    // field elements (< p) and the point satisfies y² = x³ − 3x + b (mod p). The point at infinity
    // has no affine coordinates, and (0, 0) is not on the curve (b ≠ 0). This is what the platform
    // checks on import, without building a key object for each parsed credential.
    private static bool IsOnP256(byte[] x, byte[] y)
    {
        var px = new BigInteger(x, isUnsigned: true, isBigEndian: true);
        var py = new BigInteger(y, isUnsigned: true, isBigEndian: true);
        if (px >= s_p256P || py >= s_p256P)
        {
            return false;
        }

        BigInteger right = ((((px * px) - 3) * px) + s_p256B) % s_p256P;
        if (right.Sign < 0)
        {
            right += s_p256P;
        }

        return py * py % s_p256P == right;
    }
}
