using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>EnrolmentApproved</c>: two officers at the desk issued a one-time invitation with which a
/// person sets up their credential (issue 6: every officer action that changes who may vote is a
/// log entry naming the officer). The first officer checked identity and asked, the second, a
/// different officer, approved (DESIGN.md §3 two-person rule). The invitation code itself is a
/// secret and never logged; the <c>CredentialEnrolled</c> it leads to names the same officers.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When the second officer approved.</param>
/// <param name="Actor">The approving officer.</param>
/// <param name="Person">The keyed hash of the person the invitation is for: an owner, or a proxy.</param>
/// <param name="Unit">The unit whose owner came to the desk (for a proxy: the mandating owner's unit).</param>
/// <param name="ForProxy">True when the invitation is for a proxy (Shanghai art. 18), not the unit's owner.</param>
/// <param name="RequestedBy">The officer who checked identity and asked.</param>
/// <param name="ApprovedBy">The second officer, never <paramref name="RequestedBy"/>.</param>
public sealed record EnrolmentApproved(
    string Compound,
    DateTimeOffset At,
    string Actor,
    string Person,
    string Unit,
    bool ForProxy,
    string RequestedBy,
    string ApprovedBy)
    : LedgerEvent(Compound, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(EnrolmentApproved);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject
        {
            ["person"] = Person,
            ["unit"] = Unit,
            ["forProxy"] = ForProxy,
            ["requestedBy"] = RequestedBy,
            ["approvedBy"] = ApprovedBy,
        };
    }

    internal static EnrolmentApproved Read(EventHeader header, StrictJsonObject payload)
    {
        var approved = new EnrolmentApproved(
            header.Compound,
            header.At,
            header.Actor,
            payload.String("person"),
            payload.NonEmptyString("unit"),
            payload.Boolean("forProxy"),
            payload.NonEmptyString("requestedBy"),
            payload.NonEmptyString("approvedBy"));
        approved.Validate(EventRules.OnDecode(payload.Path));
        return approved;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.OwnerHash(Person, "person", fail);
        EventRules.NonEmpty(Unit, "unit", fail);
        EventRules.Officer(RequestedBy, "requestedBy", fail);
        EventRules.Officer(ApprovedBy, "approvedBy", fail);
        // DESIGN.md §3: two-person rule for enrolment.
        if (RequestedBy == ApprovedBy)
        {
            throw fail("the approving officer must be a different officer from the one who asked (two-person rule).");
        }
    }
}
