using OwnersVote.Web.Localization;

namespace OwnersVote.Web.Features.Votes;

/// <summary>How a vote's fields read in words.</summary>
public static class VoteText
{
    /// <summary>Who decides, e.g. "57号楼全体业主".</summary>
    public static string ScopeText(UiText text, VoteSummary vote)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vote);
        return vote.ScopeBuildings.Count == 0
            ? text.WholeCompound
            : string.Join(text.Lang == "en" ? "; " : "、", vote.ScopeBuildings.Select(text.BuildingOwners));
    }
}
