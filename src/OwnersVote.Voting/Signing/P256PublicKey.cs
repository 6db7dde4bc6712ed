using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// Makes the platform's ECDSA object for a P-256 public key whose coordinates <see cref="CoseKey"/>
/// already validated (SEC 1 v2 §3.2.2.1). On Linux with OpenSSL 3 the point is handed to OpenSSL
/// as an <c>EVP_PKEY</c> built with <c>EVP_PKEY_fromdata</c> and wrapped in
/// <see cref="ECDsaOpenSsl"/>; elsewhere <see cref="ECDsa.Create(ECParameters)"/> imports it.
/// Either way the signature is verified by the same <see cref="ECDsa.VerifyData(byte[], byte[], HashAlgorithmName, DSASignatureFormat)"/>.
/// </summary>
/// <remarks>
/// Issue 10: a recount imports one key per enrolled credential that signed a ballot, and on
/// OpenSSL 3 <see cref="ECDsa.Create(ECParameters)"/> cost about 1.5 verifications per key (it
/// builds a legacy <c>EC_KEY</c>, runs <c>EC_KEY_check_key</c> — a full scalar multiplication
/// n·Q — and converts the key to a provider key again at its first use). SEC 1 v2 §3.2.2.1
/// step 4 asks for n·Q = O only "if the cofactor h ≠ 1"; P-256's cofactor is 1, so that check
/// adds nothing to the on-curve check <see cref="CoseKey"/> does. <c>EVP_PKEY_fromdata</c> decodes
/// the point (refusing one off the curve) into a provider key directly: about a fifth of the cost.
/// </remarks>
internal static partial class P256PublicKey
{
    private const string LibCrypto = "libcrypto.so.3";

    // openssl/core.h: OSSL_PARAM data types, and "unmodified" return size (SIZE_MAX).
    private const uint OsslParamUtf8String = 4;
    private const uint OsslParamOctetString = 5;

    // openssl/evp.h: EVP_PKEY_PUBLIC_KEY = OSSL_KEYMGMT_SELECT_ALL_PARAMETERS (0x84) | OSSL_KEYMGMT_SELECT_PUBLIC_KEY (0x02).
    private const int EvpPkeyPublicKey = 0x86;

    // 0: not yet known; 1: OpenSSL 3 is the library .NET uses and EVP_PKEY_fromdata is available; -1: it is not.
    private static int s_fromData;

    /// <summary>Creates the ECDSA public key (x, y) on P-256; both are 32 big-endian bytes of a point on the curve.</summary>
    public static ECDsa Import(byte[] x, byte[] y)
    {
        if (OperatingSystem.IsLinux() && UsesOpenSsl3() && FromData(x, y) is { } key)
        {
            return key;
        }

        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
    }

    [SupportedOSPlatform("linux")]
    private static bool UsesOpenSsl3()
    {
        if (s_fromData == 0)
        {
            // Only the libcrypto .NET itself loaded may make keys for ECDsaOpenSsl: OpenSSL 3.x
            // reports 0x3xxxxxxx (OPENSSL_VERSION_NUMBER), and its soname is libcrypto.so.3.
            s_fromData = SafeEvpPKeyHandle.OpenSslVersion >> 28 == 3 ? 1 : -1;
        }

        return s_fromData == 1;
    }

    // The EC key management's import parameters (OpenSSL 3 EVP_PKEY-EC(7)): "group" names the
    // curve, "pub" is the encoded point — here SEC 1 §2.3.3 uncompressed, 0x04 ‖ x ‖ y.
    [SupportedOSPlatform("linux")]
    private static unsafe ECDsaOpenSsl? FromData(byte[] x, byte[] y)
    {
        Span<byte> point = stackalloc byte[65];
        point[0] = 0x04;
        x.CopyTo(point[1..]);
        y.CopyTo(point[33..]);
        ReadOnlySpan<byte> groupName = "group\0"u8;
        ReadOnlySpan<byte> curve = "prime256v1\0"u8;
        ReadOnlySpan<byte> pubName = "pub\0"u8;
        nint context;
        try
        {
            context = NewContextFromName(0, "EC", null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // The platform's OpenSSL 3 is not loadable under its usual soname: the portable import.
            s_fromData = -1;
            return null;
        }

        if (context == 0)
        {
            return null;
        }

        nint pkey = 0;
        try
        {
            fixed (byte* pointBytes = point)
            fixed (byte* group = groupName)
            fixed (byte* curveName = curve)
            fixed (byte* pub = pubName)
            {
                OsslParam* parameters = stackalloc OsslParam[3];
                parameters[0] = new OsslParam { Key = (nint)group, DataType = OsslParamUtf8String, Data = (nint)curveName, DataSize = (nuint)(curve.Length - 1), ReturnSize = nuint.MaxValue };
                parameters[1] = new OsslParam { Key = (nint)pub, DataType = OsslParamOctetString, Data = (nint)pointBytes, DataSize = (nuint)point.Length, ReturnSize = nuint.MaxValue };
                parameters[2] = default; // OSSL_PARAM_END: a null key.
                if (FromDataInit(context) != 1 || FromData(context, &pkey, EvpPkeyPublicKey, parameters) != 1 || pkey == 0)
                {
                    return null;
                }
            }
        }
        finally
        {
            FreeContext(context);
        }

        // ECDsaOpenSsl takes its own reference to the EVP_PKEY; this handle drops ours.
        using var handle = new SafeEvpPKeyHandle(pkey, ownsHandle: true);
        return new ECDsaOpenSsl(handle);
    }

    // openssl/core.h struct ossl_param_st.
    [StructLayout(LayoutKind.Sequential)]
    private struct OsslParam
    {
        public nint Key;
        public uint DataType;
        public nint Data;
        public nuint DataSize;
        public nuint ReturnSize;
    }

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_CTX_new_from_name", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint NewContextFromName(nint libraryContext, string name, string? propertyQuery);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_fromdata_init")]
    private static partial int FromDataInit(nint context);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_fromdata")]
    private static unsafe partial int FromData(nint context, nint* pkey, int selection, OsslParam* parameters);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_CTX_free")]
    private static partial void FreeContext(nint context);
}
