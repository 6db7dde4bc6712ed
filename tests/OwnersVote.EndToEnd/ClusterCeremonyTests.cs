using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 8, no sticky sessions: two cluster nodes on one PostgreSQL and one log directory. A
/// ballot prepared on node 1 and signed is accepted by node 2, and the same signed ballot is
/// refused when replayed to either node; a passkey sign-in challenge issued by node 2 is answered
/// on node 1, once.
/// </summary>
public sealed class ClusterCeremonyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ballot_prepared_on_one_node_is_cast_on_another_and_its_replay_is_refused_on_both()
    {
        await using PostgresServer postgres = await PostgresServer.StartAsync(Cancel);
        string folder = Directory.CreateTempSubdirectory("ov-e2e-ceremony-").FullName;
        string connection = postgres.ConnectionString("ownersvote_ceremony");
        try
        {
            await using var node1 = new ClusterApp(folder, connection, "node-1");
            await node1.InitializeAsync();
            await using var node2 = new ClusterApp(folder, connection, "node-2");
            await node2.InitializeAsync();

            using Voter owner = await Voter.EnrolAsync(node1, DemoSeeder.CompoundId, DemoSeeder.LiftVoteId, "57-101", ["officer:demo-1", "officer:demo-2"]);

            // Options from node 1, the signed ballot to node 2: accepted, with its receipt.
            JsonObject signed = await owner.PrepareAsync(node1.BaseUrl);
            using (HttpResponseMessage cast = await owner.SubmitAsync(signed, node2.BaseUrl))
            {
                Assert.NotEmpty(await Voter.ReceiptOfAsync(cast));
            }

            // The same signed ballot again, to either node: the prepared ballot was used.
            foreach (string node in (string[])[node2.BaseUrl, node1.BaseUrl])
            {
                using HttpResponseMessage replay = await owner.SubmitAsync(signed, node);
                Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
                Assert.Contains("unknown-ballot", await replay.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
            }

            // A passkey sign-in: the challenge from node 2, the answer to node 1, then replayed to node 2.
            using var anonymous = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
            using HttpResponseMessage optionsAnswer = await anonymous.PostAsJsonAsync(node2.BaseUrl + "/api/passkey/signin/options", new JsonObject(), Cancel);
            string optionsText = await optionsAnswer.Content.ReadAsStringAsync(Cancel);
            Assert.True(optionsAnswer.IsSuccessStatusCode, optionsText);
            JsonObject options = JsonNode.Parse(optionsText)!.AsObject();
            Assert.True(Base64UrlText.TryDecode(options["challenge"]!.GetValue<string>(), out byte[] challenge));
            WebAuthnAssertion assertion = owner.Passkey.GetAssertion(challenge, node1.BaseUrl);
            var answer = new JsonObject
            {
                ["handle"] = options["handle"]!.GetValue<string>(),
                ["credentialId"] = Base64UrlText.Encode(assertion.CredentialId.Span),
                ["authenticatorData"] = Base64UrlText.Encode(assertion.AuthenticatorData.Span),
                ["clientDataJson"] = Base64UrlText.Encode(assertion.ClientDataJson.Span),
                ["signature"] = Base64UrlText.Encode(assertion.Signature.Span),
            };
            using (HttpResponseMessage signedIn = await anonymous.PostAsJsonAsync(node1.BaseUrl + "/api/passkey/signin", answer, Cancel))
            {
                Assert.True(signedIn.IsSuccessStatusCode, await signedIn.Content.ReadAsStringAsync(Cancel));
                Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ov-session=", StringComparison.Ordinal));
            }

            using HttpResponseMessage replayedSignIn = await anonymous.PostAsJsonAsync(node2.BaseUrl + "/api/passkey/signin", answer, Cancel);
            Assert.False(replayedSignIn.IsSuccessStatusCode);
            Assert.Contains("the challenge is unknown, used or expired", await replayedSignIn.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The app as one cluster node on a database and data folder the test owns.</summary>
    private sealed class ClusterApp(string folder, string connection, string node) : OwnersVoteApp(folder)
    {
        public override string Provider => "Postgres";

        protected override ValueTask<string> ConfigureDatabaseAsync(CancellationToken cancellationToken) => ValueTask.FromResult(connection);

        protected override ValueTask ReleaseDatabaseAsync() => ValueTask.CompletedTask;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Cluster:Enabled", "true");
            builder.UseSetting("Cluster:NodeName", node);
        }
    }
}
