using System.Security.Cryptography;
using OwnersVote.Cli.Commands;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Cli.Tests;

public sealed class HandwritingImagesTests : IDisposable
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private static readonly string s_hash = Convert.ToHexStringLower(SHA256.HashData(s_png));

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("ov-handwriting-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Only_ballots_that_carry_a_handwriting_hash_are_referenced_with_their_entry_index()
    {
        IReadOnlyList<ReadOnlyMemory<byte>> entries = [Cast(null), Cast(s_hash), new byte[] { 1, 2, 3 }];

        Assert.Equal([(1L, s_hash)], LogRecount.Recount(entries).Images);
    }

    [Fact]
    public void A_matching_image_beside_the_log_passes_and_a_swapped_or_missing_one_is_named()
    {
        string log = Directory.CreateDirectory(Path.Combine(_root.FullName, "log")).FullName;
        string images = Directory.CreateDirectory(Path.Combine(_root.FullName, "handwriting")).FullName;
        string file = Path.Combine(images, s_hash + ".png");
        File.WriteAllBytes(file, s_png);
        using var stdout = new StringWriter();

        Assert.Empty(HandwritingImages.CheckDirectory(log, [(7, s_hash)], stdout));
        Assert.Contains("handwriting images: 1 checked", stdout.ToString(), StringComparison.Ordinal);

        File.WriteAllBytes(file, [.. s_png, 0]);
        Assert.StartsWith("entry 7: the handwritten signature image hashes to ", Assert.Single(HandwritingImages.CheckDirectory(log, [(7, s_hash)], stdout)), StringComparison.Ordinal);

        File.Delete(file);
        Assert.Equal($"entry 7: the handwritten signature image {s_hash} is missing", Assert.Single(HandwritingImages.CheckDirectory(log, [(7, s_hash)], stdout)));
    }

    [Fact]
    public void A_log_copied_without_its_images_says_they_were_not_checked()
    {
        string log = Directory.CreateDirectory(Path.Combine(_root.FullName, "log")).FullName;
        using var stdout = new StringWriter();

        Assert.Empty(HandwritingImages.CheckDirectory(log, [(7, s_hash)], stdout));
        Assert.Contains("handwriting images: 1 not checked", stdout.ToString(), StringComparison.Ordinal);
    }

    private static byte[] Cast(string? handwriting)
    {
        var ballot = new OwnerBallot(VoteLog.Compound, VoteLog.Vote, "p1", ["57-0101"], [new BallotAnswer("q1", Choice.Yes)], "AAECAwQFBgcICQoLDA0ODw", new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), handwriting);
        // Decoding does not verify signatures (VoteReplay does); any non-empty bytes are well-formed here.
        var assertion = new WebAuthnAssertion(new byte[] { 1 }, new byte[] { 2 }, new byte[] { 3 }, new byte[] { 4 });
        return EventCodec.Encode(new BallotCast(VoteLog.Compound, VoteLog.Vote, new DateTimeOffset(2025, 3, 2, 0, 1, 0, TimeSpan.Zero), "owner", ballot, assertion));
    }
}
