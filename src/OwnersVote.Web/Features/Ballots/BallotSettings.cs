namespace OwnersVote.Web.Features.Ballots;

/// <summary>The <c>Ballots</c> settings.</summary>
public sealed class BallotSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ballots";

    /// <summary>
    /// The most ballots prepared for signing and not yet signed, at once (default 100,000). Each
    /// holds its ballot (about a kilobyte) for at most <see cref="BallotSessions.Lifetime"/>; past the
    /// cap a new one is refused as busy until older ones are signed or expire, so memory stays
    /// bounded. The load benchmark, which prepares every ballot of a run before timing it, raises it.
    /// </summary>
    public int MaxPrepared { get; set; } = BallotSessions.DefaultMaxPrepared;
}
