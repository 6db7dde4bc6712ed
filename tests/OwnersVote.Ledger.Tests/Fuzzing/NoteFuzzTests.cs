using System.Text;

namespace OwnersVote.Ledger.Tests.Fuzzing;

/// <summary>
/// Mutated signed notes, checkpoints and key strings (c2sp.org/signed-note, tlog-checkpoint): only
/// the documented FormatException subclasses and NoteVerificationException escape, and a mutant
/// that opens has the text a known key signed, verified by that key.
/// </summary>
public sealed class NoteFuzzTests : IDisposable
{
    private static readonly string[] s_noteTokens = ["— ", "\n\n", "\n", "—", " ", "+", "=", "==", "\u00a0", "\u2028", "\r\n", "\t"];

    private readonly TestLog _log = TestLog.Create();
    private readonly NoteSigner _other = NoteSigner.FromSeed("other.example/log", Enumerable.Repeat((byte)9, 32).ToArray());
    private readonly CosignatureSigner _witness = CosignatureSigner.FromSeed("witness.example/w1", new byte[32], new FixedTimeProvider(1_700_000_000));

    // Which texts each known key signed: the only texts a mutant may open to under that key.
    private readonly Dictionary<string, HashSet<string>> _signedBy = new(StringComparer.Ordinal);
    private readonly List<byte[]> _notes = [];

    public NoteFuzzTests()
    {
        Add(_log.Checkpoint(7).Format(), _log.Key);
        Add(_log.Checkpoint(64).Format(), _log.Key, _witness);
        Add(new Checkpoint(_log.Origin, 3, _log.Checkpoint(3).Root, ["ext one", "ext two"]).Format(), _witness, _log.Key);
        Add("景城品雅苑 — 公告\n第二行\n", _other, _log.Key);
        Add("x\n", _other);
        // An unknown key's signature beside a known one (signed-note: verifiers MUST ignore it).
        using NoteSigner stranger = NoteSigner.FromSeed(_log.Origin, Enumerable.Repeat((byte)1, 32).ToArray());
        _notes.Add(Note.AddSignatures(_notes[0], stranger));
    }

    public void Dispose()
    {
        _log.Dispose();
        _other.Dispose();
        _witness.Dispose();
    }

    private INoteVerifier[] Known => [_log.Verifier, _other.Verifier, _witness.Verifier];

    private void Add(string text, params INoteSigner[] signers)
    {
        _notes.Add(Note.Sign(text, signers));
        foreach (INoteSigner signer in signers)
        {
            string key = $"{signer.Name}+{signer.KeyId}";
            if (!_signedBy.TryGetValue(key, out HashSet<string>? texts))
            {
                _signedBy[key] = texts = new HashSet<string>(StringComparer.Ordinal);
            }

            texts.Add(text);
        }
    }

    [Fact]
    public async Task A_mutated_signed_note_fails_or_opens_to_a_text_its_known_key_signed()
    {
        INoteVerifier[] known = Known;
        FuzzReport report = await Fuzzer.RunAsync("Note.Open", new Mutator(_notes, s_noteTokens, lines: true), _notes, input =>
        {
            ParsedNote parsed;
            try
            {
                parsed = Note.Parse(input);
            }
            catch (MalformedNoteException)
            {
                return "malformed";
            }

            OpenedNote opened;
            try
            {
                opened = Note.Open(input, known);
            }
            catch (UnverifiedNoteException)
            {
                return "no known signature";
            }
            catch (InvalidNoteSignatureException)
            {
                return "bad signature";
            }

            Assert.Equal(parsed.Text, opened.Text);
            foreach (VerifiedNoteSignature signature in opened.Signatures)
            {
                string key = $"{signature.Verifier.Name}+{signature.Verifier.KeyId}";
                Assert.True(_signedBy[key].Contains(opened.Text), $"forgery: {key} never signed this text");
            }

            return "opened";
        });

        report.AssertReached(r => r.Count("opened") >= _notes.Count);
        report.AssertReached(r => r.Count("malformed") > 0 && r.Count("bad signature") > 0);
    }

    [Fact]
    public async Task A_mutated_checkpoint_text_is_malformed_or_parses_to_the_same_spelling()
    {
        List<byte[]> seeds =
        [
            .. new long[] { 0, 1, 7, 64 }.Select(size => Encoding.UTF8.GetBytes(_log.Checkpoint(size).Format())),
            Encoding.UTF8.GetBytes(new Checkpoint("ownersvote.example/景城", 9_223_372_036_854_775_807, _log.Checkpoint(2).Root, ["a", "b c"]).Format()),
        ];
        FuzzReport report = await Fuzzer.RunAsync("Checkpoint.Parse", new Mutator(seeds, s_noteTokens, lines: true), seeds, input =>
        {
            string text = Encoding.UTF8.GetString(input);
            try
            {
                Checkpoint checkpoint = Checkpoint.Parse(text);
                // Only the canonical spelling parses: the size has no leading zeroes, the root is strict base64.
                Assert.Equal(text, checkpoint.Format());
                return "parsed";
            }
            catch (MalformedCheckpointException)
            {
                return "malformed";
            }
        });

        report.AssertReached(r => r.Count("parsed") >= seeds.Count && r.Count("malformed") > 0);
    }

    [Fact]
    public async Task A_mutated_signed_checkpoint_opens_only_to_a_checkpoint_the_log_signed()
    {
        List<byte[]> seeds = [.. new long[] { 1, 7, 63, 64 }.Select(size => Note.AddSignatures(_log.Signed(size), _witness))];
        var genuine = new HashSet<string>(new long[] { 1, 7, 63, 64 }.Select(size => _log.Checkpoint(size).Format()), StringComparer.Ordinal);
        INoteVerifier[] keys = [_log.Verifier];
        FuzzReport report = await Fuzzer.RunAsync("Checkpoint.Open", new Mutator(seeds, s_noteTokens, lines: true), seeds, input =>
        {
            try
            {
                SignedCheckpoint signed = Checkpoint.Open(input, keys);
                Assert.Contains(signed.Checkpoint.Format(), genuine);
                return "opened";
            }
            catch (MalformedNoteException)
            {
                return "malformed note";
            }
            catch (MalformedCheckpointException)
            {
                return "malformed checkpoint";
            }
            catch (NoteVerificationException)
            {
                return "not verified";
            }
        });

        report.AssertReached(r => r.Count("opened") >= seeds.Count && r.Count("not verified") > 0);
    }

    [Fact]
    public async Task Mutated_key_strings_are_rejected_with_a_key_format_exception_or_parse_consistently()
    {
        // Fixed seeds keep the corpus, and so the run, deterministic.
        byte[] seed = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
        using NoteSigner logKey = NoteSigner.FromSeed("ownersvote.example/log", seed);
        string signerKey = $"PRIVATE+KEY+{logKey.Name}+{logKey.KeyId:x8}+{Convert.ToBase64String([0x01, .. seed])}";
        string witnessSigner = $"PRIVATE+KEY+{_witness.Name}+{_witness.KeyId:x8}+{Convert.ToBase64String([0x04, .. new byte[32]])}";
        List<byte[]> seeds = [.. new[] { signerKey, logKey.VerifierKey, witnessSigner, _witness.VerifierKey, _log.Key.VerifierKey }.Select(Encoding.UTF8.GetBytes)];
        FuzzReport report = await Fuzzer.RunAsync("NoteKeys.Parse", new Mutator(seeds, ["+", "PRIVATE+KEY+", " ", "\u3000", "=", "AQ", "BA"]), seeds, input =>
        {
            string key = Encoding.UTF8.GetString(input);
            var outcomes = new List<string>(3);
            if (Accepts(() => Assert.Equal(key, NoteVerifier.Parse(key).VerifierKey)))
            {
                outcomes.Add("verifier");
            }

            if (Accepts(() => Assert.Equal(key, CosignatureVerifier.Parse(key).VerifierKey)))
            {
                outcomes.Add("cosigner");
            }

            if (Accepts(() =>
            {
                using NoteSigner signer = NoteSigner.Parse(key);
                byte[] note = Note.Sign("text\n", signer);
                Assert.Equal("text\n", Note.Open(note, signer.Verifier).Text);
            }))
            {
                outcomes.Add("signer");
            }

            return outcomes.Count == 0 ? "rejected" : string.Join('+', outcomes);
        });

        report.AssertReached(r => r.Count("rejected") > 0 && r.Count("verifier") > 0 && r.Count("signer") > 0);
    }

    // A key parser either accepts (the action runs to the end) or refuses with its documented
    // exception; anything else escapes and fails the fuzz case.
    private static bool Accepts(Action parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (NoteKeyFormatException)
        {
            return false;
        }
    }
}
