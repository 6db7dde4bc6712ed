using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>BallotSuperseded</c>: a ballot no longer counts — e.g. the paper ballot of an owner who
/// also voted online, or an earlier online ballot replaced while the vote was open. Both stay in the log.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="Ballot">The superseded ballot's id (<see cref="BallotCast.BallotId"/>: its challenge in hex), or a paper sheet's serial when a result is corrected after an upheld objection.</param>
/// <param name="Reason">Why, as a short stable code, e.g. <c>changed-online</c>, <c>online-wins-over-paper</c>.</param>
public sealed record BallotSuperseded(string Compound, string Vote, DateTimeOffset At, string Actor, string Ballot, string Reason)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(BallotSuperseded);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject { ["ballot"] = Ballot, ["reason"] = Reason };
    }

    internal static BallotSuperseded Read(EventHeader header, StrictJsonObject payload)
    {
        var superseded = new BallotSuperseded(header.Compound, header.Vote!, header.At, header.Actor, payload.String("ballot"), payload.String("reason"));
        superseded.Validate(EventRules.OnDecode(payload.Path));
        return superseded;
    }

    private void Validate(Func<string, Exception> fail)
    {
        // An online or custodial ballot's id, or a recorded paper sheet's serial: VoteReplay accepts
        // a serial only to correct a result after an upheld objection (询异).
        if (!OwnerKey.IsHash(Ballot))
        {
            EventRules.PaperSerial(Ballot, message => fail("ballot is a ballot id (its SHA-256 challenge, 64 lowercase hex digits) or a paper sheet's serial: " + message));
        }

        EventRules.NonEmpty(Reason, "reason", fail);
    }
}
