using System.Text;

namespace OwnersVote.Ledger.Tests;

public sealed class ReceiptTests : IDisposable
{
    private const long Size = 37;
    private readonly TestLog _log = TestLog.Create();
    private readonly CosignatureSigner[] _witnesses =
    [
        CosignatureSigner.FromSeed("w1.example", Enumerable.Repeat((byte)1, 32).ToArray(), new FixedTimeProvider(1_760_000_000)),
        CosignatureSigner.FromSeed("w2.example", Enumerable.Repeat((byte)2, 32).ToArray(), new FixedTimeProvider(1_760_000_001)),
    ];

    public void Dispose()
    {
        _log.Dispose();
        Array.ForEach(_witnesses, w => w.Dispose());
    }

    private INoteVerifier[] WitnessKeys => [.. _witnesses.Select(w => w.Verifier)];

    private Receipt ReceiptFor(long index, bool cosigned = true, byte[]? extra = null)
    {
        byte[] checkpoint = cosigned ? Note.AddSignatures(_log.Signed(Size), _witnesses) : _log.Signed(Size);
        return new Receipt(index, InclusionProof.Create(index, Size, _log.Tree), checkpoint, extra);
    }

    [Fact]
    public void Every_entry_has_a_receipt_that_verifies_after_a_round_trip()
    {
        for (long i = 0; i < Size; i++)
        {
            Receipt parsed = Receipt.Parse(ReceiptFor(i).Format());
            ReceiptVerification result = parsed.Verify(_log.Entries[(int)i], _log.Origin, [_log.Verifier], WitnessKeys, 2);
            Assert.True(result.IsVerified, $"entry {i}: {result.Failure}");
            Assert.Equal(Size, result.Checkpoint!.Size);
            Assert.Equal(["w1.example", "w2.example"], result.Cosigners);
        }
    }

    [Fact]
    public void The_format_is_header_index_proof_blank_line_checkpoint()
    {
        Receipt receipt = ReceiptFor(5, extra: [1, 2, 3]);
        string text = Encoding.UTF8.GetString(receipt.Format());
        string expectedHead = "c2sp.org/tlog-proof@v1\nextra AQID\nindex 5\n"
            + string.Concat(receipt.InclusionProof.Select(h => h.ToBase64() + "\n")) + "\n";
        Assert.Equal(expectedHead + Encoding.UTF8.GetString(receipt.Checkpoint), text);

        Receipt parsed = Receipt.Parse(receipt.Format());
        Assert.Equal([1, 2, 3], parsed.Extra);
        Assert.Equal(receipt.Checkpoint, parsed.Checkpoint);
        Assert.Equal(receipt.InclusionProof, parsed.InclusionProof);
    }

    [Theory]
    [InlineData(0L, false, 0)]
    [InlineData(9L, false, 1)]
    [InlineData(36L, true, 6)]
    [InlineData(long.MaxValue, true, 63)]
    [InlineData(1_000_000_007L, false, 63)]
    public void The_format_is_the_same_text_for_any_index_extra_and_proof_length(long index, bool withExtra, int proofLength)
    {
        byte[]? extra = withExtra ? [.. Enumerable.Range(0, 7).Select(i => (byte)(i * 37))] : null;
        Hash[] proof = [.. Enumerable.Range(0, proofLength).Select(i => Hash.Sha256([(byte)i]))];
        byte[] checkpoint = _log.Signed(Size);
        var receipt = new Receipt(index, proof, checkpoint, extra);

        string expected = "c2sp.org/tlog-proof@v1\n"
            + (extra is null ? "" : "extra " + Convert.ToBase64String(extra) + "\n")
            + "index " + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n"
            + string.Concat(proof.Select(h => h.ToBase64() + "\n")) + "\n"
            + Encoding.UTF8.GetString(checkpoint);

        Assert.Equal(expected, Encoding.UTF8.GetString(receipt.Format()));
    }

    [Fact]
    public void Another_entry_or_index_does_not_verify()
    {
        Receipt receipt = ReceiptFor(5);
        Assert.False(receipt.Verify(_log.Entries[6], _log.Origin, [_log.Verifier], WitnessKeys, 0).IsVerified);
        Receipt moved = new(6, receipt.InclusionProof, receipt.Checkpoint);
        Assert.False(moved.Verify(_log.Entries[5], _log.Origin, [_log.Verifier], WitnessKeys, 0).IsVerified);
        Receipt beyond = new(Size, receipt.InclusionProof, receipt.Checkpoint);
        Assert.Contains("not below the tree size", beyond.Verify(_log.Entries[5], _log.Origin, [_log.Verifier], WitnessKeys, 0).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_cosignatures_fail_and_fewer_required_pass()
    {
        Receipt bare = ReceiptFor(3, cosigned: false);
        Assert.True(bare.Verify(_log.Entries[3], _log.Origin, [_log.Verifier], WitnessKeys, 0).IsVerified);
        ReceiptVerification result = bare.Verify(_log.Entries[3], _log.Origin, [_log.Verifier], WitnessKeys, 1);
        Assert.False(result.IsVerified);
        Assert.Equal("0 of the required 1 witness cosignatures", result.Failure);

        Receipt cosigned = ReceiptFor(3);
        Assert.False(cosigned.Verify(_log.Entries[3], _log.Origin, [_log.Verifier], [_witnesses[0].Verifier], 2).IsVerified);
        Assert.True(cosigned.Verify(_log.Entries[3], _log.Origin, [_log.Verifier], [_witnesses[0].Verifier], 1).IsVerified);
    }

    [Fact]
    public void Wrong_log_key_or_origin_fails()
    {
        Receipt receipt = ReceiptFor(3);
        using TestLog other = TestLog.Create(keySeed: 8);
        Assert.False(receipt.Verify(_log.Entries[3], _log.Origin, [other.Verifier], WitnessKeys, 0).IsVerified);
        Assert.False(receipt.Verify(_log.Entries[3], _log.Origin, [], WitnessKeys, 2).IsVerified);
        Assert.Contains("origin", receipt.Verify(_log.Entries[3], "elsewhere.example/log", [_log.Verifier], WitnessKeys, 0).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipping_any_bit_of_a_receipt_makes_it_fail_to_parse_or_verify()
    {
        byte[] good = ReceiptFor(9, extra: [9]).Format();
        int checkpointStart = Encoding.UTF8.GetString(good).IndexOf("\n\n", StringComparison.Ordinal) + 2;
        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x04;
            ReceiptVerification? result = null;
            try
            {
                result = Receipt.Parse(bad).Verify(_log.Entries[9], _log.Origin, [_log.Verifier], WitnessKeys, 2);
            }
            catch (MalformedReceiptException)
            {
                continue;
            }

            // The extra data is not authenticated ("Applications MUST NOT implicitly trust the extra data").
            bool inExtra = i >= "c2sp.org/tlog-proof@v1\nextra ".Length && i < "c2sp.org/tlog-proof@v1\nextra CQ==".Length;
            Assert.True(!result.IsVerified || inExtra, $"byte {i} (checkpoint from {checkpointStart}) still verified");
        }
    }

    [Theory]
    [InlineData("c2sp.org/tlog-proof@v2\nindex 0\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 01\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex -1\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nextra \nindex 0\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nextra AQ\nindex 0\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\nAAAA\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\n")]
    [InlineData("c2sp.org/tlog-proof@v1\r\nindex 0\n\n")]
    public void Malformed_receipts_are_rejected(string head)
    {
        byte[] receipt = [.. Encoding.UTF8.GetBytes(head), .. _log.Signed(Size)];
        Assert.Throws<MalformedReceiptException>(() => Receipt.Parse(receipt));
    }

    [Fact]
    public void A_receipt_whose_checkpoint_is_not_a_note_is_rejected()
    {
        Assert.Throws<MalformedReceiptException>(() => Receipt.Parse("c2sp.org/tlog-proof@v1\nindex 0\n\nnot a note\n"u8));
    }

    [Fact]
    public void The_spec_example_head_parses()
    {
        // The header, extra, index and proof lines of the c2sp.org/tlog-proof example, with our checkpoint.
        const string Head = "c2sp.org/tlog-proof@v1\nextra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ\nindex 73894\n"
            + "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\nB95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=\n"
            + "EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=\nRoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=\n"
            + "AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=\n\n";
        Receipt receipt = Receipt.Parse([.. Encoding.UTF8.GetBytes(Head), .. _log.Signed(Size)]);
        Assert.Equal(73894, receipt.Index);
        Assert.Equal(5, receipt.InclusionProof.Count);
        Assert.Equal("age-v1.2.1-darwin-arm64.tar.gz", Encoding.ASCII.GetString(receipt.Extra!)[..30]);
    }
}
