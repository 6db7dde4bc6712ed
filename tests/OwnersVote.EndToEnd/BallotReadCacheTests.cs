using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Ballots;

namespace OwnersVote.EndToEnd;

/// <summary>The ballot path's memory of matters and credentials: kept until the projector commits a change.</summary>
public sealed class BallotReadCacheTests
{
    [Fact]
    public async Task A_matter_is_read_once_until_invalidated_and_then_read_again()
    {
        var cache = new BallotReadCache();
        int reads = 0;
        Task<MatterRow?> Read()
        {
            reads++;
            return Task.FromResult<MatterRow?>(Matter("m", closed: reads > 1));
        }

        MatterRow? first = await cache.MatterAsync("m", Read);
        MatterRow? again = await cache.MatterAsync("m", Read);
        cache.Invalidate();
        MatterRow? after = await cache.MatterAsync("m", Read);

        Assert.Same(first, again);
        Assert.Equal(2, reads);
        Assert.Null(first!.ClosedAt);
        Assert.NotNull(after!.ClosedAt);
    }

    [Fact]
    public async Task A_read_that_overlaps_an_invalidation_is_used_once_but_never_kept()
    {
        var cache = new BallotReadCache();
        var release = new TaskCompletionSource<IReadOnlyList<CredentialRow>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<IReadOnlyList<CredentialRow>> slow = cache.CredentialsAsync("c", "owner", () => release.Task);

        // The projector commits a revocation while the read is under way.
        cache.Invalidate();
        release.SetResult([Credential("old")]);
        Assert.Equal("old", Assert.Single(await slow).Id);

        IReadOnlyList<CredentialRow> fresh = await cache.CredentialsAsync("c", "owner", () => Task.FromResult<IReadOnlyList<CredentialRow>>([]));
        Assert.Empty(fresh);
    }

    private static MatterRow Matter(string id, bool closed) => new()
    {
        Id = id,
        CompoundId = "c",
        Title = "电梯",
        Text = "全文",
        Threshold = "ordinary",
        Questions = "q1",
        Options = "yes\nno\nabstain",
        QuestionTexts = "[\"电梯\"]",
        Documents = "",
        Question = "q1",
        ClosedAt = closed ? DateTimeOffset.UnixEpoch : null,
    };

    private static CredentialRow Credential(string id) => new() { Id = id, CompoundId = "c", OwnerHash = "owner", PublicKey = [] };
}
