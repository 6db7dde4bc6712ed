using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OwnersVote.Paper;

/// <summary>
/// The CJK TrueType font embedded (as a subset) in every ballot. The default is WenQuanYi Zen Hei
/// from Debian's <c>fonts-wqy-zenhei</c> (<see cref="DefaultPath"/>); the environment variable
/// <c>OV_BALLOT_FONT</c> names another file. Debian ships Zen Hei only as a TrueType collection
/// (<c>.ttc</c>), which PDFsharp cannot read ("TrueType collection fonts are not yet supported"),
/// so the first face of a collection is copied out into a standalone TrueType font here.
/// </summary>
public sealed class BallotFont
{
    /// <summary>Where <c>fonts-wqy-zenhei</c> installs the font (<c>dpkg -L fonts-wqy-zenhei</c>).</summary>
    public const string DefaultPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    /// <summary>The environment variable that overrides <see cref="DefaultPath"/>.</summary>
    public const string EnvironmentVariable = "OV_BALLOT_FONT";

    private static readonly Lock s_lock = new();
    private static BallotFont? s_default;

    private BallotFont(byte[] trueType)
    {
        TrueType = trueType;
        FaceName = "ov-ballot-" + Convert.ToHexStringLower(SHA256.HashData(trueType).AsSpan(0, 6));
    }

    /// <summary>The standalone TrueType font bytes.</summary>
    internal byte[] TrueType { get; }

    /// <summary>The unique face name the font is registered under with PDFsharp.</summary>
    public string FaceName { get; }

    /// <summary>
    /// The font at <c>$OV_BALLOT_FONT</c> or <see cref="DefaultPath"/>, loaded once per process.
    /// </summary>
    /// <exception cref="BallotFontException">The file is missing or not a TrueType font.</exception>
    public static BallotFont Default
    {
        get
        {
            lock (s_lock)
            {
                if (s_default is null)
                {
                    string path = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } p ? p : DefaultPath;
                    s_default = FromFile(path);
                }

                return s_default;
            }
        }
    }

    /// <summary>Loads a TrueType font (<c>.ttf</c>) or the first face of a collection (<c>.ttc</c>).</summary>
    /// <exception cref="BallotFontException">The file is missing or not a TrueType font.</exception>
    public static BallotFont FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BallotFontException(
                $"the ballot's CJK font {path} is missing: install Debian's fonts-wqy-zenhei (scripts/install-test-deps.sh) or set {EnvironmentVariable} to a TrueType font", e);
        }

        return FromBytes(bytes, path);
    }

    /// <summary>A font from the bytes of a <c>.ttf</c> or <c>.ttc</c> file.</summary>
    /// <exception cref="BallotFontException">Not a TrueType font or collection.</exception>
    public static BallotFont FromBytes(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 12)
        {
            throw new BallotFontException($"{name} is not a TrueType font");
        }

        uint tag = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return tag switch
        {
            0x74746366 => new BallotFont(FirstFace(bytes, name)), // 'ttcf'
            0x00010000 or 0x74727565 => new BallotFont(bytes), // TrueType outlines ('true' on old Apple fonts)
            0x4F54544F => throw new BallotFontException($"{name} has CFF outlines (OTTO); PDFsharp embeds TrueType outlines only"),
            _ => throw new BallotFontException($"{name} is not a TrueType font"),
        };
    }

    // The OpenType collection header ("TTC Header", OpenType spec, "Font Collections") lists an
    // offset to each face's table directory; the directory's table records give offsets from the
    // start of the file. A standalone font is that directory with its tables copied behind it.
    private static byte[] FirstFace(byte[] ttc, string name)
    {
        try
        {
            int numFonts = checked((int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(8)));
            if (numFonts < 1)
            {
                throw new BallotFontException($"{name}: the collection holds no font");
            }

            int dir = checked((int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(12)));
            int numTables = BinaryPrimitives.ReadUInt16BigEndian(ttc.AsSpan(dir + 4));
            int headerLength = 12 + (16 * numTables);
            var tables = new List<(int Record, int Offset, int Length)>();
            int total = headerLength;
            for (int i = 0; i < numTables; i++)
            {
                int record = dir + 12 + (16 * i);
                int offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(record + 8)));
                int length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(record + 12)));
                if (offset < 0 || length < 0 || offset > ttc.Length - length)
                {
                    throw new BallotFontException($"{name}: a table lies outside the file");
                }

                tables.Add((record, offset, length));
                total = checked(total + ((length + 3) & ~3));
            }

            byte[] font = new byte[total];
            ttc.AsSpan(dir, headerLength).CopyTo(font);
            int next = headerLength;
            for (int i = 0; i < tables.Count; i++)
            {
                (_, int offset, int length) = tables[i];
                ttc.AsSpan(offset, length).CopyTo(font.AsSpan(next));
                BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + (16 * i) + 8), (uint)next);
                next += (length + 3) & ~3;
            }

            return font;
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new BallotFontException($"{name}: truncated TrueType collection", e);
        }
    }
}

/// <summary>The ballot's font is missing or unusable.</summary>
public sealed class BallotFontException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BallotFontException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public BallotFontException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
