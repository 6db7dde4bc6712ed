namespace OwnersVote.Web.Data;

/// <summary>A residential compound (小区).</summary>
public sealed class CompoundRow
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Where it is, e.g. "上海市闵行区马桥镇".</summary>
    public required string Locality { get; set; }
}
