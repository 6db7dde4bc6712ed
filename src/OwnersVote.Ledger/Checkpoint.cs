using System.Globalization;
using System.Text;

namespace OwnersVote.Ledger;

/// <summary>
/// A transparency log checkpoint (c2sp.org/tlog-checkpoint): the note text
/// <c>&lt;origin&gt;\n&lt;tree size&gt;\n&lt;base64 root hash&gt;\n[extension line\n]…</c>.
/// </summary>
public sealed class Checkpoint : IEquatable<Checkpoint>
{
    /// <summary>Creates a checkpoint.</summary>
    /// <exception cref="ArgumentException">The origin is empty or contains a newline, or an extension line is empty or contains a newline.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative.</exception>
    public Checkpoint(string origin, long size, Hash root, IReadOnlyList<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(size);

        // c2sp.org/tlog-checkpoint: "The origin MUST be non-empty"; each field is one line.
        if (origin.Length == 0 || origin.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("A checkpoint origin is one non-empty line.", nameof(origin));
        }

        extensions ??= [];

        // "Extension lines, if any, MUST be non-empty."
        if (extensions.Any(e => e is null || e.Length == 0 || e.Contains('\n', StringComparison.Ordinal)))
        {
            throw new ArgumentException("Checkpoint extension lines are single non-empty lines.", nameof(extensions));
        }

        Origin = origin;
        Size = size;
        Root = root;
        Extensions = [.. extensions];
    }

    /// <summary>The origin line: the log's unique identity, e.g. <c>example.com/log42</c>.</summary>
    public string Origin { get; }

    /// <summary>The tree size: the number of leaves.</summary>
    public long Size { get; }

    /// <summary>The RFC 6962 Merkle tree root hash at <see cref="Size"/>.</summary>
    public Hash Root { get; }

    /// <summary>Opaque extension lines (NOT RECOMMENDED by the spec; usually empty).</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>Formats the note text, each line ending in a newline.</summary>
    public string Format()
    {
        StringBuilder text = new();
        text.Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Root.ToBase64()).Append('\n');
        foreach (string extension in Extensions)
        {
            text.Append(extension).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Parses checkpoint note text strictly.</summary>
    /// <exception cref="MalformedCheckpointException">The text is not a checkpoint.</exception>
    public static Checkpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // "The note text is a sequence of at least three non-empty lines, separated by newlines";
        // a note text always ends in a newline (c2sp.org/signed-note).
        if (!text.EndsWith('\n'))
        {
            throw new MalformedCheckpointException("Checkpoint text does not end in a newline.");
        }

        string[] lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw new MalformedCheckpointException($"Checkpoint has {lines.Length} lines, at least 3 are required.");
        }

        int empty = Array.FindIndex(lines, l => l.Length == 0);
        if (empty >= 0)
        {
            throw new MalformedCheckpointException($"Checkpoint line {empty + 1} is empty.");
        }

        return new Checkpoint(lines[0], ParseSize(lines[1], "tree size"), ParseRoot(lines[2]), lines[3..]);
    }

    /// <summary>Signs the checkpoint text as a note (usually with the log key whose name matches the origin).</summary>
    public byte[] Sign(params INoteSigner[] signers) => Note.Sign(Format(), signers);

    /// <summary>Opens a signed checkpoint note with the log's key(s) and parses its text.</summary>
    /// <exception cref="MalformedNoteException">The note is malformed.</exception>
    /// <exception cref="NoteVerificationException">No known key signed it, or a known key's signature is invalid.</exception>
    /// <exception cref="MalformedCheckpointException">The verified text is not a checkpoint.</exception>
    public static SignedCheckpoint Open(ReadOnlySpan<byte> signedNote, params IEnumerable<INoteVerifier> verifiers)
    {
        OpenedNote note = Note.Open(signedNote, verifiers);
        return new SignedCheckpoint(Parse(note.Text), note, signedNote.ToArray());
    }

    /// <summary>
    /// Parses an ASCII decimal with no sign and no leading zeroes (unless it is <c>0</c>), as
    /// tlog-checkpoint requires of the tree size and tlog-witness and tlog-proof of sizes and indexes.
    /// </summary>
    /// <exception cref="MalformedCheckpointException">Not such a decimal, or above <see cref="long.MaxValue"/>.</exception>
    internal static long ParseSize(string text, string what)
    {
        if (text.Length == 0 || text.Length > 19 || !text.All(char.IsAsciiDigit) || (text[0] == '0' && text.Length > 1)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long size))
        {
            throw new MalformedCheckpointException($"The {what} '{text}' is not a decimal without leading zeroes.");
        }

        return size;
    }

    private static Hash ParseRoot(string text)
    {
        byte[]? root = StrictBase64.Decode(text);
        if (root is null || root.Length != Hash.Size)
        {
            throw new MalformedCheckpointException($"The root hash '{text}' is not base64 of 32 bytes.");
        }

        return Hash.FromBytes(root);
    }

    /// <inheritdoc />
    public bool Equals(Checkpoint? other) =>
        other is not null && Origin == other.Origin && Size == other.Size && Root == other.Root
        && Extensions.SequenceEqual(other.Extensions);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Checkpoint);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Origin, Size, Root);

    /// <inheritdoc />
    public override string ToString() => Format();
}
