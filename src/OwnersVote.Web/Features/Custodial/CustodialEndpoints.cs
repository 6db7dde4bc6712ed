using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Localization;

namespace OwnersVote.Web.Features.Custodial;

/// <summary>The owner's printed receipt for a custodial ballot, fetched by the officers at the desk.</summary>
public static class CustodialEndpoints
{
    /// <summary>Maps <c>GET /desk/custodial/{index}/receipt.pdf</c> (officer policy).</summary>
    public static IEndpointConventionBuilder MapCustodialEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/desk/custodial/{index:long}/receipt.pdf", ReceiptAsync).ExcludeFromDescription().RequireAuthorization(AccessPolicies.Officer);

    private static async Task<Results<FileContentHttpResult, RedirectHttpResult, NotFound>> ReceiptAsync(
        long index, HttpContext context, CustodialDesk desk, UiText t, CancellationToken cancellationToken)
    {
        string baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        CustodialReceipt? receipt = await desk.ReceiptPdfAsync(OwnerSession.From(context.User)!, index, baseUrl, t, cancellationToken);
        return receipt switch
        {
            null => TypedResults.NotFound(),
            { Pdf: { } pdf } => TypedResults.File(pdf, "application/pdf", $"ownersvote-custodial-receipt-{index}.pdf"),
            // Held for the compound's witnesses (docs/operations.md "Per-compound witnesses"): the
            // officers clicked "print", so they are shown the desk page that says, in words, what the
            // receipt waits for and prints it once it is given.
            _ => TypedResults.Redirect($"/desk/custodial/confirm?receipt={index.ToString(CultureInfo.InvariantCulture)}"),
        };
    }
}
