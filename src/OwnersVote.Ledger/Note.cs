using System.Text;
using System.Text.Unicode;

namespace OwnersVote.Ledger;

/// <summary>
/// Signed notes (c2sp.org/signed-note v1), byte-for-byte compatible with golang.org/x/mod/sumdb/note:
/// text ending in a newline, a blank line, then one or more lines
/// <c>— &lt;key name&gt; base64(32-bit key ID ‖ signature)</c>.
/// </summary>
public static class Note
{
    /// <summary>
    /// The most signature lines accepted. c2sp.org/signed-note: "Verifiers SHOULD apply a maximum
    /// limit to the number of signatures in a note ... but MUST accept at least up to 16"; Go's
    /// note.Open uses 100.
    /// </summary>
    public const int MaxSignatures = 100;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Signs the text with each signer and returns the signed note bytes.</summary>
    /// <exception cref="ArgumentException">The text is not a valid note text, a signer name is invalid, or no signer.</exception>
    public static byte[] Sign(string text, params INoteSigner[] signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        if (signers.Length == 0)
        {
            throw new ArgumentException("A note needs at least one signature.", nameof(signers));
        }

        byte[] textBytes = EncodeText(text);
        return Format(textBytes, [], signers);
    }

    /// <summary>
    /// Adds signatures to an existing signed note. A signature already present from the same key
    /// (name and key ID) is replaced, as Go's note.Sign does; all others are kept in order.
    /// The existing signatures are not verified.
    /// </summary>
    /// <exception cref="MalformedNoteException">The existing note is malformed.</exception>
    public static byte[] AddSignatures(ReadOnlySpan<byte> signedNote, params INoteSigner[] signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        ParsedNote parsed = Parse(signedNote);
        return Format(Encoding.UTF8.GetBytes(parsed.Text), parsed.Signatures, signers);
    }

    /// <summary>
    /// Formats a note from its text and already made signature lines (e.g. cosignatures returned by
    /// witnesses). Exact duplicate lines are written once.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a valid note text, or no signature.</exception>
    /// <exception cref="MalformedNoteException">More than <see cref="MaxSignatures"/> signatures.</exception>
    public static byte[] Format(string text, IEnumerable<NoteSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        byte[] textBytes = EncodeText(text);
        List<NoteSignature> list = signatures.Distinct().ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A note needs at least one signature.", nameof(signatures));
        }

        return Format(textBytes, list, []);
    }

    /// <summary>Splits a note into text and signatures without verifying anything.</summary>
    /// <exception cref="MalformedNoteException">The bytes are not a well-formed signed note.</exception>
    public static ParsedNote Parse(ReadOnlySpan<byte> signedNote)
    {
        // c2sp.org/signed-note: "Signed notes MUST be valid UTF-8 and MUST NOT contain any ASCII
        // control characters (those below U+0020) other than newline." Bytes below 0x20 never
        // occur inside a multi-byte UTF-8 sequence, so a byte scan is exact.
        if (!Utf8.IsValid(signedNote))
        {
            throw new MalformedNoteException("Note is not valid UTF-8.");
        }

        int control = signedNote.IndexOfAnyInRange((byte)0x00, (byte)0x1F);
        while (control >= 0 && signedNote[control] == (byte)'\n')
        {
            int next = signedNote[(control + 1)..].IndexOfAnyInRange((byte)0x00, (byte)0x1F);
            control = next < 0 ? -1 : control + 1 + next;
        }

        if (control >= 0)
        {
            throw new MalformedNoteException($"Note contains control character 0x{signedNote[control]:x2} at byte {control}.");
        }

        // "the text is separated from the signatures by the last empty line in the note."
        int split = signedNote.LastIndexOf("\n\n"u8);
        if (split < 0)
        {
            throw new MalformedNoteException("Note has no blank line before its signatures.");
        }

        ReadOnlySpan<byte> text = signedNote[..(split + 1)];
        ReadOnlySpan<byte> lines = signedNote[(split + 2)..];
        if (lines.IsEmpty || lines[^1] != (byte)'\n')
        {
            throw new MalformedNoteException("Note has no signature lines, or its last line does not end in a newline.");
        }

        List<NoteSignature> signatures = [];
        while (!lines.IsEmpty)
        {
            int end = lines.IndexOf((byte)'\n');
            string line = Encoding.UTF8.GetString(lines[..end]);
            lines = lines[(end + 1)..];

            // "em dash (U+2014), space (U+0020), key name, space, base64-encoded signature, newline."
            if (!line.StartsWith("— ", StringComparison.Ordinal))
            {
                throw new MalformedNoteException("Signature line does not start with an em dash and a space.");
            }

            int space = line.IndexOf(' ', 2);
            if (space < 0)
            {
                throw new MalformedNoteException("Signature line has no space between key name and signature.");
            }

            signatures.Add(new NoteSignature(line[2..space], line[(space + 1)..]));
            if (signatures.Count > MaxSignatures)
            {
                throw new MalformedNoteException($"Note has more than {MaxSignatures} signatures.");
            }
        }

        return new ParsedNote(Encoding.UTF8.GetString(text), signatures);
    }

    /// <summary>
    /// Opens a signed note: every signature from a known key (same name and key ID) must verify,
    /// signatures from unknown keys are kept unverified, and at least one known signature is required.
    /// </summary>
    /// <exception cref="MalformedNoteException">The bytes are not a well-formed signed note.</exception>
    /// <exception cref="InvalidNoteSignatureException">A signature from a known key fails to verify.</exception>
    /// <exception cref="UnverifiedNoteException">No signature is from a known key.</exception>
    /// <exception cref="ArgumentException">Two verifiers share both name and key ID.</exception>
    public static OpenedNote Open(ReadOnlySpan<byte> signedNote, params IEnumerable<INoteVerifier> verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        Dictionary<(string, uint), INoteVerifier> known = [];
        foreach (INoteVerifier verifier in verifiers)
        {
            if (!known.TryAdd((verifier.Name, verifier.KeyId), verifier))
            {
                throw new ArgumentException($"Ambiguous key {verifier.Name}+{NoteKeyEncoding.FormatKeyId(verifier.KeyId)}.", nameof(verifiers));
            }
        }

        ParsedNote parsed = Parse(signedNote);
        byte[] text = Encoding.UTF8.GetBytes(parsed.Text);
        List<VerifiedNoteSignature> verified = [];
        List<NoteSignature> unknown = [];
        HashSet<(string, uint)> seen = [];
        foreach (NoteSignature signature in parsed.Signatures)
        {
            // "Verifiers MUST ignore signatures from unknown keys, even if they share a name or ID
            // (but not both) with a known key."
            if (!known.TryGetValue((signature.Name, signature.KeyId), out INoteVerifier? verifier))
            {
                if (!unknown.Contains(signature))
                {
                    unknown.Add(signature);
                }

                continue;
            }

            // As Go's note.Open: a key's first signature line is the one that counts.
            if (!seen.Add((signature.Name, signature.KeyId)))
            {
                continue;
            }

            // "If the key name and ID match a known key, verifiers MUST verify the signature. If a
            // signature from a known key fails to verify, clients SHOULD reject the whole note."
            if (!verifier.Verify(text, signature.Signature.Span))
            {
                throw new InvalidNoteSignatureException($"Invalid signature for key {signature.Name}+{NoteKeyEncoding.FormatKeyId(signature.KeyId)}.");
            }

            verified.Add(new VerifiedNoteSignature(signature, verifier));
        }

        // "If no signature from a known key verifies successfully, clients MUST reject the note."
        if (verified.Count == 0)
        {
            throw new UnverifiedNoteException($"Note has no signature from a known key ({parsed.Signatures.Count} unknown).");
        }

        return new OpenedNote(parsed.Text, verified, unknown);
    }

    private static byte[] EncodeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.EndsWith('\n'))
        {
            throw new ArgumentException("Note text must end in a newline.", nameof(text));
        }

        int control = text.AsSpan().IndexOfAnyInRange('\0', '\u001F');
        while (control >= 0 && text[control] == '\n')
        {
            int next = text.AsSpan(control + 1).IndexOfAnyInRange('\0', '\u001F');
            control = next < 0 ? -1 : control + 1 + next;
        }

        if (control >= 0)
        {
            throw new ArgumentException($"Note text contains control character U+{(int)text[control]:X4}.", nameof(text));
        }

        try
        {
            return s_strictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("Note text contains an unpaired surrogate.", nameof(text), e);
        }
    }

    private static byte[] Format(byte[] text, IReadOnlyList<NoteSignature> existing, INoteSigner[] signers)
    {
        List<NoteSignature> added = [];
        foreach (INoteSigner signer in signers)
        {
            ArgumentNullException.ThrowIfNull(signer);
            if (!NoteKeyEncoding.IsValidName(signer.Name))
            {
                throw new ArgumentException($"Signer name '{signer.Name}' is empty or contains a space or '+'.", nameof(signers));
            }

            added.Add(NoteSignature.Create(signer.Name, signer.KeyId, signer.Sign(text)));
        }

        List<NoteSignature> all = [.. existing.Where(s => !added.Any(a => a.IsFrom(s.Name, s.KeyId))), .. added];
        if (all.Count > MaxSignatures)
        {
            throw new MalformedNoteException($"A note may carry at most {MaxSignatures} signatures.");
        }

        StringBuilder note = new();
        note.Append(Encoding.UTF8.GetString(text)).Append('\n');
        foreach (NoteSignature signature in all)
        {
            note.Append(signature.Line);
        }

        return Encoding.UTF8.GetBytes(note.ToString());
    }
}
