using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// An owner of one compound with a software passkey enrolled through the log (the enrolment
/// itself is not under test where this is used), voting through the JSON API with their session
/// cookie. Each call may go to another node of a cluster (<c>node</c>, a base URL); the passkey
/// signs for the origin the compound registered (the first app's).
/// </summary>
internal sealed class Voter : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly HttpClient _http;
    private readonly SoftwareAuthenticator _passkey;
    private readonly string _origin;
    private readonly string _vote;
    private readonly string[] _questions;

    private Voter(HttpClient http, SoftwareAuthenticator passkey, string origin, string vote, string[] questions)
    {
        _http = http;
        _passkey = passkey;
        _origin = origin;
        _vote = vote;
        _questions = questions;
    }

    /// <summary>The passkey, for ceremonies other than voting.</summary>
    public SoftwareAuthenticator Passkey => _passkey;

    /// <summary>The owner's client with the session cookie.</summary>
    public HttpClient Http => _http;

    public static async Task<Voter> EnrolAsync(OwnersVoteApp app, string compound, string vote, string unit, string[] officers)
    {
        string ownerHash;
        string[] questions;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            ownerHash = await db.Units.Where(u => u.VoteId == vote && u.Id == unit).Select(u => u.OwnerHash).SingleAsync(Cancel);
            questions = (await db.Matters.SingleAsync(m => m.Id == vote, Cancel)).Questions.Split('\n');
        }

        var passkey = SoftwareAuthenticator.MakeCredential(DemoSeeder.RpId);
        DateTimeOffset now = EventTime.Truncate(DateTimeOffset.UtcNow);
        await app.Services.GetRequiredService<EventLog>().AppendAsync(
            new CredentialEnrolled(compound, now, "owner:" + ownerHash, ownerHash, passkey.CredentialId, CoseKey.Parse(passkey.CosePublicKey), CredentialKind.Passkey, officers, now, OwnerNotified: true),
            Cancel);
        var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("Cookie", "ov-session=" + SessionCookies.Value(app, new OwnerSession(compound, Roles.Owner, ownerHash)));
        return new Voter(http, passkey, app.BaseUrl, vote, questions);
    }

    /// <summary>Asks <paramref name="node"/> for the ballot's options and signs its challenge: the submission body.</summary>
    public async Task<JsonObject> PrepareAsync(string? node = null)
    {
        JsonObject answers = [];
        foreach (string question in _questions)
        {
            answers[question] = "yes";
        }

        using HttpResponseMessage prepared = await _http.PostAsJsonAsync($"{node}/api/votes/{_vote}/ballot/options", new JsonObject { ["answers"] = answers }, Cancel);
        string text = await prepared.Content.ReadAsStringAsync(Cancel);
        Assert.True(prepared.IsSuccessStatusCode, text);
        JsonObject options = JsonNode.Parse(text)!.AsObject();
        Assert.True(Base64UrlText.TryDecode(options["challenge"]!.GetValue<string>(), out byte[] challenge));
        WebAuthnAssertion assertion = _passkey.GetAssertion(challenge, _origin);
        return new JsonObject
        {
            ["handle"] = options["handle"]!.GetValue<string>(),
            ["credentialId"] = Base64UrlText.Encode(assertion.CredentialId.Span),
            ["authenticatorData"] = Base64UrlText.Encode(assertion.AuthenticatorData.Span),
            ["clientDataJson"] = Base64UrlText.Encode(assertion.ClientDataJson.Span),
            ["signature"] = Base64UrlText.Encode(assertion.Signature.Span),
        };
    }

    /// <summary>Submits a signed ballot to <paramref name="node"/>.</summary>
    public Task<HttpResponseMessage> SubmitAsync(JsonObject body, string? node = null) =>
        _http.PostAsJsonAsync($"{node}/api/votes/{_vote}/ballot", body, Cancel);

    /// <summary>Prepares a ballot, signs it with the passkey and submits it.</summary>
    public async Task<HttpResponseMessage> CastAsync() => await SubmitAsync(await PrepareAsync());

    /// <summary>Casts and returns the receipt (tlog-proof bytes) of an accepted ballot.</summary>
    public async Task<byte[]> CastReceiptAsync()
    {
        using HttpResponseMessage cast = await CastAsync();
        return await ReceiptOfAsync(cast);
    }

    /// <summary>The receipt (tlog-proof bytes) of an accepted ballot's answer.</summary>
    public static async Task<byte[]> ReceiptOfAsync(HttpResponseMessage cast)
    {
        ArgumentNullException.ThrowIfNull(cast);
        string text = await cast.Content.ReadAsStringAsync(Cancel);
        Assert.True(cast.IsSuccessStatusCode, text);
        return Encoding.UTF8.GetBytes(JsonNode.Parse(text)!["receipt"]!.GetValue<string>());
    }

    public void Dispose()
    {
        _http.Dispose();
        _passkey.Dispose();
    }
}
