using System.Text;

namespace OwnersVote.Ledger.Tests;

public sealed class CheckpointTests
{
    // The example of c2sp.org/tlog-checkpoint.
    private const string SpecExample = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    [Fact]
    public void The_spec_example_parses_and_formats_back_byte_for_byte()
    {
        Checkpoint checkpoint = Checkpoint.Parse(SpecExample);
        Assert.Equal("example.com/behind-the-sofa", checkpoint.Origin);
        Assert.Equal(20852163, checkpoint.Size);
        Assert.Equal(Hash.FromBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="), checkpoint.Root);
        Assert.Empty(checkpoint.Extensions);
        Assert.Equal(SpecExample, checkpoint.Format());
    }

    [Fact]
    public void Extension_lines_follow_the_root_one_per_line()
    {
        var checkpoint = new Checkpoint("example.com/log", 0, Hash.Sha256([]), ["ext one", "ext two"]);
        string text = checkpoint.Format();
        Assert.Equal($"example.com/log\n0\n{Hash.Sha256([]).ToBase64()}\next one\next two\n", text);
        Assert.Equal(checkpoint, Checkpoint.Parse(text));
    }

    [Theory]
    [InlineData("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")]
    [InlineData("example.com/behind-the-sofa\n20852163\n")]
    [InlineData("\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/behind-the-sofa\n020852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/behind-the-sofa\n00\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/behind-the-sofa\n+20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/behind-the-sofa\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/behind-the-sofa\n 20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/behind-the-sofa\n0x10\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/behind-the-sofa\n9223372036854775808\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/behind-the-sofa\n\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2\n")]
    [InlineData("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=AAAA\n")]
    [InlineData("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n")]
    [InlineData("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\next\n")]
    public void Malformed_checkpoints_are_rejected(string text)
    {
        Assert.Throws<MalformedCheckpointException>(() => Checkpoint.Parse(text));
    }

    [Fact]
    public void Largest_size_is_accepted()
    {
        string text = SpecExample.Replace("20852163", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(long.MaxValue, Checkpoint.Parse(text).Size);
    }

    [Fact]
    public void A_signed_checkpoint_opens_with_the_log_key_and_not_with_another()
    {
        using NoteSigner log = NoteSigner.FromSeed("example.com/behind-the-sofa", new byte[32]);
        Checkpoint checkpoint = Checkpoint.Parse(SpecExample);
        byte[] note = checkpoint.Sign(log);
        Assert.StartsWith(SpecExample + "\n— example.com/behind-the-sofa ", Encoding.UTF8.GetString(note), StringComparison.Ordinal);

        SignedCheckpoint opened = Checkpoint.Open(note, log.Verifier);
        Assert.Equal(checkpoint, opened.Checkpoint);
        Assert.Equal(note, opened.SignedNote);

        using NoteSigner other = NoteSigner.FromSeed("example.com/behind-the-sofa", Enumerable.Repeat((byte)1, 32).ToArray());
        Assert.Throws<UnverifiedNoteException>(() => Checkpoint.Open(note, other.Verifier));
    }

    [Fact]
    public void A_signed_note_that_is_not_a_checkpoint_is_rejected_after_verification()
    {
        using NoteSigner log = NoteSigner.FromSeed("example.com/log", new byte[32]);
        byte[] note = Note.Sign("example.com/log\nnot a size\n", log);
        Assert.Throws<MalformedCheckpointException>(() => Checkpoint.Open(note, log.Verifier));
    }

    [Fact]
    public void Constructor_refuses_fields_that_would_not_parse_back()
    {
        Hash root = Hash.Sha256([]);
        Assert.Throws<ArgumentException>(() => new Checkpoint("", 0, root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a\nb", 0, root));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpoint("a", -1, root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a", 0, root, [""]));
    }
}
