using Microsoft.AspNetCore.Http.HttpResults;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Proxies;

/// <summary>The body of <c>POST /api/proxies/mandate</c>: the owner's assertion over a prepared mandate's challenge.</summary>
public sealed record MandateSubmission(string? Handle, string? CredentialId, string? AuthenticatorData, string? ClientDataJson, string? Signature);

/// <summary>The signed mandate is in the log.</summary>
/// <param name="Mandate">The mandate id.</param>
/// <param name="Index">The log entry of its <c>ProxyGranted</c>.</param>
/// <param name="Redirect">Where the page goes next.</param>
public sealed record MandateReceipt(string Mandate, long Index, string Redirect);

/// <summary>
/// The JSON step of the online mandate (Shanghai art. 18): the page <c>/proxies/grant</c> prepares the
/// mandate and shows it; the browser's passkey or device key signs its challenge and posts here.
/// </summary>
public static class ProxyApi
{
    /// <summary>Problem type: the mandate was refused; <c>detail</c> is the <see cref="ProxyRefusal"/> name.</summary>
    public const string ProxyRefusedType = "urn:ownersvote:problem:proxy-refused";

    /// <summary>Maps the endpoint.</summary>
    public static void MapProxyApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/proxies/mandate", SignAsync).RequireAuthorization(AccessPolicies.Owner);
    }

    private static async Task<Results<Ok<MandateReceipt>, ProblemHttpResult>> SignAsync(
        MandateSubmission submission, HttpContext context, OnlineMandates mandates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!Base64UrlText.TryDecode(submission.CredentialId, out byte[] credentialId) || credentialId.Length == 0
            || !Base64UrlText.TryDecode(submission.AuthenticatorData, out byte[] authenticatorData) || authenticatorData.Length == 0
            || !Base64UrlText.TryDecode(submission.ClientDataJson, out byte[] clientData) || clientData.Length == 0
            || !Base64UrlText.TryDecode(submission.Signature, out byte[] signature) || signature.Length == 0)
        {
            return Problem(ProxyRefusal.BadSignature);
        }

        var assertion = new WebAuthnAssertion(credentialId, authenticatorData, clientData, signature);
        (SignedMandate? signed, ProxyRefusal? refused) = await mandates.SignAsync(OwnerSession.From(context.User)!, submission.Handle, assertion, cancellationToken);
        if (signed is null)
        {
            return Problem(refused!.Value);
        }

        string redirect = $"/proxies?granted={signed.Index}" + (signed.ByInvitation ? "&invite=true" : "");
        return TypedResults.Ok(new MandateReceipt(signed.Mandate, signed.Index, redirect));
    }

    private static ProblemHttpResult Problem(ProxyRefusal refused) => TypedResults.Problem(
        statusCode: refused switch
        {
            ProxyRefusal.NoCredential => StatusCodes.Status409Conflict,
            ProxyRefusal.Busy => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        },
        type: ProxyRefusedType,
        title: "Mandate refused",
        detail: refused.ToString());
}
