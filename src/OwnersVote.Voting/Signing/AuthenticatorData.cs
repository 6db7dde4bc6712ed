using System.Buffers.Binary;

namespace OwnersVote.Voting.Signing;

/// <summary>Flags byte of authenticator data (WebAuthn §6.1).</summary>
[Flags]
public enum AuthenticatorFlags : byte
{
    /// <summary>No flag set.</summary>
    None = 0,

    /// <summary>Bit 0, UP: the user was present.</summary>
    UserPresent = 0x01,

    /// <summary>Bit 2, UV: the user was verified (PIN, biometrics).</summary>
    UserVerified = 0x04,

    /// <summary>Bit 3, BE: the credential may be backed up (Level 3).</summary>
    BackupEligible = 0x08,

    /// <summary>Bit 4, BS: the credential is backed up (Level 3).</summary>
    BackupState = 0x10,

    /// <summary>Bit 6, AT: attested credential data follows.</summary>
    AttestedCredentialData = 0x40,

    /// <summary>Bit 7, ED: extension data follows.</summary>
    ExtensionData = 0x80,
}

/// <summary>
/// Authenticator data (WebAuthn §6.1): rpIdHash (32) ‖ flags (1) ‖ signCount (4, big-endian) ‖
/// [attestedCredentialData] ‖ [extensions]. Parsing is strict: the optional parts must be present
/// exactly when their flags say so, and nothing may follow them.
/// </summary>
public sealed class AuthenticatorData
{
    private const int FixedLength = 37;

    private AuthenticatorData(byte[] rpIdHash, AuthenticatorFlags flags, uint signCount, byte[]? credentialId, CoseKey? credentialPublicKey)
    {
        RpIdHash = rpIdHash;
        Flags = flags;
        SignCount = signCount;
        CredentialId = credentialId;
        CredentialPublicKey = credentialPublicKey;
    }

    /// <summary>SHA-256 of the RP ID the credential is scoped to.</summary>
    public ReadOnlyMemory<byte> RpIdHash { get; }

    /// <summary>The flags byte.</summary>
    public AuthenticatorFlags Flags { get; }

    /// <summary>The signature counter (0 if the authenticator keeps none).</summary>
    public uint SignCount { get; }

    /// <summary>The credential id, when attested credential data is present (registration).</summary>
    public ReadOnlyMemory<byte>? CredentialId { get; }

    /// <summary>The credential public key, when attested credential data is present (registration).</summary>
    public CoseKey? CredentialPublicKey { get; }

    /// <summary>Whether the UP flag is set.</summary>
    public bool UserPresent => Flags.HasFlag(AuthenticatorFlags.UserPresent);

    /// <summary>Whether the UV flag is set.</summary>
    public bool UserVerified => Flags.HasFlag(AuthenticatorFlags.UserVerified);

    /// <summary>Builds authenticator data without attested credential data or extensions, as an assertion carries it.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> rpIdHash, AuthenticatorFlags flags, uint signCount)
    {
        if (rpIdHash.Length != 32)
        {
            throw new ArgumentException("rpIdHash is a 32-byte SHA-256 digest.", nameof(rpIdHash));
        }

        if ((flags & (AuthenticatorFlags.AttestedCredentialData | AuthenticatorFlags.ExtensionData)) != 0)
        {
            throw new ArgumentException("AT and ED need data this encoder does not write.", nameof(flags));
        }

        byte[] data = new byte[FixedLength];
        rpIdHash.CopyTo(data);
        data[32] = (byte)flags;
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(33), signCount);
        return data;
    }

    /// <summary>
    /// Builds authenticator data with attested credential data (§6.5.1), as a registration carries
    /// it: the AT flag is set, the AAGUID is zero (no attestation), then the credential id and key.
    /// </summary>
    public static byte[] EncodeWithCredential(ReadOnlySpan<byte> rpIdHash, AuthenticatorFlags flags, uint signCount, ReadOnlySpan<byte> credentialId, ReadOnlySpan<byte> cosePublicKey)
    {
        if (credentialId.Length is 0 or > 1023)
        {
            throw new ArgumentException("A credential id is 1 to 1023 bytes.", nameof(credentialId));
        }

        byte[] head = Encode(rpIdHash, flags & ~AuthenticatorFlags.AttestedCredentialData, signCount);
        head[32] |= (byte)AuthenticatorFlags.AttestedCredentialData;
        byte[] data = new byte[FixedLength + 18 + credentialId.Length + cosePublicKey.Length];
        head.CopyTo(data, 0);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(FixedLength + 16), (ushort)credentialId.Length);
        credentialId.CopyTo(data.AsSpan(FixedLength + 18));
        cosePublicKey.CopyTo(data.AsSpan(FixedLength + 18 + credentialId.Length));
        return data;
    }

    /// <summary>Parses authenticator data; returns false (never throws) if it is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out AuthenticatorData? result)
    {
        result = null;
        if (data.Length < FixedLength)
        {
            return false;
        }

        // Bits 1 and 5 (RFU1, RFU2) are reserved for future use; they are signed like the rest
        // and ignored here, so a future authenticator setting them is not refused.
        var flags = (AuthenticatorFlags)data[32];
        uint signCount = BinaryPrimitives.ReadUInt32BigEndian(data[33..]);
        var reader = new CborReader(data[FixedLength..]);
        byte[]? credentialId = null;
        CoseKey? publicKey = null;
        try
        {
            if (flags.HasFlag(AuthenticatorFlags.AttestedCredentialData))
            {
                // §6.5.1: aaguid (16) ‖ credentialIdLength (2, big-endian) ‖ credentialId ‖ credentialPublicKey (COSE_Key).
                ReadOnlySpan<byte> rest = data[FixedLength..];
                if (rest.Length < 18)
                {
                    return false;
                }

                int idLength = BinaryPrimitives.ReadUInt16BigEndian(rest[16..]);
                // §6.5.1: credentialIdLength is at most 1023 (Level 3).
                if (idLength > 1023 || rest.Length < 18 + idLength)
                {
                    return false;
                }

                credentialId = rest.Slice(18, idLength).ToArray();
                ReadOnlySpan<byte> keyAndMore = rest[(18 + idLength)..];
                var keyReader = new CborReader(keyAndMore);
                keyReader.SkipValue();
                if (!CoseKey.TryParse(keyAndMore[..keyReader.Position], out publicKey))
                {
                    return false;
                }

                reader = new CborReader(keyAndMore[keyReader.Position..]);
            }

            if (flags.HasFlag(AuthenticatorFlags.ExtensionData))
            {
                if (reader.AtEnd || reader.PeekMajorType() != CborMajorType.Map)
                {
                    return false;
                }

                reader.SkipValue();
            }

            if (!reader.AtEnd)
            {
                return false;
            }
        }
        catch (FormatException)
        {
            // Malformed CBOR from the wire: not valid authenticator data.
            return false;
        }

        result = new AuthenticatorData(data[..32].ToArray(), flags, signCount, credentialId, publicKey);
        return true;
    }
}
