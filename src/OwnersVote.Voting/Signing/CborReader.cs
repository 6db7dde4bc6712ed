using System.Buffers.Binary;
using System.Text;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// The subset of CBOR (RFC 8949) that WebAuthn needs for COSE keys and authenticator extensions:
/// integers, byte and text strings, arrays, maps, and the simple values false, true, null, with
/// definite lengths only. Anything else — indefinite lengths (§3.2.1), tags, floats, reserved
/// additional information, non-shortest heads — is rejected.
/// </summary>
internal ref struct CborReader
{
    private readonly ReadOnlySpan<byte> _data;

    public CborReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly bool AtEnd => Position == _data.Length;

    public CborMajorType PeekMajorType()
    {
        Need(1);
        return (CborMajorType)(_data[Position] >> 5);
    }

    /// <summary>Reads an unsigned (major 0) or negative (major 1) integer that fits a long.</summary>
    public long ReadInt64()
    {
        CborMajorType major = PeekMajorType();
        ulong argument = ReadHead(out _);
        if (argument > long.MaxValue)
        {
            throw new FormatException("CBOR integer does not fit 64 signed bits.");
        }

        return major switch
        {
            CborMajorType.UnsignedInteger => (long)argument,
            // RFC 8949 §3.1: major type 1 encodes −1 − argument.
            CborMajorType.NegativeInteger => -1 - (long)argument,
            _ => throw new FormatException($"Expected a CBOR integer, found major type {major}."),
        };
    }

    public ReadOnlySpan<byte> ReadByteString()
    {
        ulong length = ReadHead(out CborMajorType major);
        Expect(major, CborMajorType.ByteString);
        return Take(length);
    }

    public string ReadTextString()
    {
        ulong length = ReadHead(out CborMajorType major);
        Expect(major, CborMajorType.TextString);
        try
        {
            return new UTF8Encoding(false, true).GetString(Take(length));
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException("CBOR text string is not valid UTF-8 (RFC 8949 §3.1, major type 3).", e);
        }
    }

    /// <summary>Reads a map head and returns its number of pairs.</summary>
    public int ReadMapHeader()
    {
        ulong count = ReadHead(out CborMajorType major);
        Expect(major, CborMajorType.Map);
        // Each pair needs at least two bytes; this bounds the count before anyone loops on it.
        if (count > (ulong)(_data.Length - Position) / 2)
        {
            throw new FormatException("CBOR map is longer than the data.");
        }

        return (int)count;
    }

    /// <summary>Skips one complete data item of the supported subset, however nested.</summary>
    public void SkipValue(int depth = 0)
    {
        if (depth > 16)
        {
            throw new FormatException("CBOR nesting is too deep.");
        }

        ulong argument = ReadHead(out CborMajorType major);
        switch (major)
        {
            case CborMajorType.UnsignedInteger:
            case CborMajorType.NegativeInteger:
                return;
            case CborMajorType.ByteString:
            case CborMajorType.TextString:
                Take(argument);
                return;
            case CborMajorType.Array:
                for (ulong i = 0; i < argument; i++)
                {
                    SkipValue(depth + 1);
                }

                return;
            case CborMajorType.Map:
                for (ulong i = 0; i < argument; i++)
                {
                    SkipValue(depth + 1);
                    SkipValue(depth + 1);
                }

                return;
            case CborMajorType.Simple when argument is 20 or 21 or 22:
                return;
            default:
                throw new FormatException($"Unsupported CBOR item (major type {major}).");
        }
    }

    private ulong ReadHead(out CborMajorType major)
    {
        Need(1);
        byte initial = _data[Position++];
        major = (CborMajorType)(initial >> 5);
        int info = initial & 0x1F;
        if (major == CborMajorType.Tag)
        {
            throw new FormatException("CBOR tags are not accepted here.");
        }

        if (major == CborMajorType.Simple && info >= 24)
        {
            throw new FormatException("CBOR floats and extended simple values are not accepted here.");
        }

        ulong argument;
        switch (info)
        {
            case < 24:
                return (ulong)info;
            case 24:
                argument = Take(1)[0];
                break;
            case 25:
                argument = BinaryPrimitives.ReadUInt16BigEndian(Take(2));
                break;
            case 26:
                argument = BinaryPrimitives.ReadUInt32BigEndian(Take(4));
                break;
            case 27:
                argument = BinaryPrimitives.ReadUInt64BigEndian(Take(8));
                break;
            case 31:
                // RFC 8949 §3.2: additional information 31 is an indefinite length.
                throw new FormatException("Indefinite-length CBOR items are not accepted.");
            default:
                // RFC 8949 §3: 28–30 are reserved and "not well-formed".
                throw new FormatException($"Reserved CBOR additional information {info}.");
        }

        // RFC 8949 §4.2.1 (core deterministic encoding): the argument is as short as possible.
        ulong minimum = info switch { 24 => 24, 25 => 0x100, 26 => 0x1_0000, _ => 0x1_0000_0000 };
        if (argument < minimum)
        {
            throw new FormatException("CBOR head is not in its shortest form.");
        }

        return argument;
    }

    private ReadOnlySpan<byte> Take(ulong length)
    {
        if (length > (ulong)(_data.Length - Position))
        {
            throw new FormatException("CBOR item runs past the end of the data.");
        }

        ReadOnlySpan<byte> slice = _data.Slice(Position, (int)length);
        Position += (int)length;
        return slice;
    }

    private readonly void Need(int count)
    {
        if (_data.Length - Position < count)
        {
            throw new FormatException("CBOR data ends early.");
        }
    }

    private static void Expect(CborMajorType actual, CborMajorType expected)
    {
        if (actual != expected)
        {
            throw new FormatException($"Expected CBOR {expected}, found {actual}.");
        }
    }
}

/// <summary>The eight CBOR major types (RFC 8949 §3.1).</summary>
internal enum CborMajorType
{
    UnsignedInteger = 0,
    NegativeInteger = 1,
    ByteString = 2,
    TextString = 3,
    Array = 4,
    Map = 5,
    Tag = 6,
    Simple = 7,
}
