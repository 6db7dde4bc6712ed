using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace OwnersVote.Ledger.Tests;

/// <summary>Invariants of notes, checkpoints and receipts over random inputs (FsCheck).</summary>
public sealed class NoteProperties
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(300);

    // Note text: lines of printable characters (including CJK and em dashes), each ending in a newline.
    private static Arbitrary<string> Texts =>
        Gen.Elements("a", "Z", " ", "—", "业主", "+", "=", "\n", "🏠", "\u3000", "0")
            .ListOf()
            .Select(parts => string.Concat(parts) + "\n")
            .ToArbitrary();

    [Fact]
    public void Any_valid_text_signed_with_two_keys_opens_to_the_same_text()
    {
        using NoteSigner peter = NoteSigner.Parse(SignedNoteVectors.SignerKey);
        using NoteSigner enoch = SignedNoteVectors.EnochRoot();
        Prop.ForAll(Texts, text =>
        {
            byte[] note = Note.Sign(text, peter, enoch);
            OpenedNote opened = Note.Open(note, peter.Verifier, enoch.Verifier);
            return opened.Text == text && opened.Signatures.Count == 2 && Note.Parse(note).Text == text;
        }).Check(s_config);
    }

    [Fact]
    public void Any_checkpoint_formats_and_parses_back_to_itself()
    {
        Arbitrary<Checkpoint> checkpoints =
            (from origin in Gen.Elements("example.com/log", "业委会.example/投票", "o")
             from size in Gen.Choose(0, int.MaxValue).Select(i => (long)i * i)
             from seed in Gen.Choose(0, 1000)
             from extensions in Gen.Elements("ext", "— x", "a b").ListOf()
             select new Checkpoint(origin, size, Hash.Sha256(BitConverter.GetBytes(seed)), [.. extensions])).ToArbitrary();
        Prop.ForAll(checkpoints, c => Checkpoint.Parse(c.Format()).Equals(c)).Check(s_config);
    }

    [Fact]
    public void Any_receipt_formats_and_parses_back_to_itself()
    {
        using TestLog log = TestLog.Create();
        Arbitrary<(int Index, int Size, byte[]? Extra)> cases =
            (from size in Gen.Choose(1, 64)
             from index in Gen.Choose(0, size - 1)
             from extra in Gen.Elements<byte[]?>(null, [0], Encoding.UTF8.GetBytes("回执"))
             select (index, size, extra)).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var receipt = new Receipt(c.Index, InclusionProof.Create(c.Index, c.Size, log.Tree), log.Signed(c.Size), c.Extra);
            Receipt parsed = Receipt.Parse(receipt.Format());
            return parsed.Index == receipt.Index
                && parsed.InclusionProof.SequenceEqual(receipt.InclusionProof)
                && parsed.Checkpoint.AsSpan().SequenceEqual(receipt.Checkpoint)
                && (parsed.Extra ?? []).AsSpan().SequenceEqual(receipt.Extra ?? [])
                && parsed.Verify(log.Entries[c.Index], log.Origin, [log.Verifier], [], 0).IsVerified;
        }).Check(s_config);
    }
}
