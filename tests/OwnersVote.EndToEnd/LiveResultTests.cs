using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Cli;
using OwnersVote.Cli.Commands;
using OwnersVote.Ledger;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 7: the live result page and <c>/api/votes/{id}/result</c> count every question of a vote
/// against its own threshold class and apply a silent-majority clause exactly as
/// <see cref="VoteReplay"/> recounts the log — at the edges of Civil Code art. 278 (exactly two
/// thirds taking part, exactly half, exactly three quarters) — and <c>ov verify URL</c> compares
/// every question.
/// </summary>
public sealed class LiveResultTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Compound = DemoSeeder.CompoundId;
    private const string MultiVote = "b88-multi";
    private const string SilentVote = "b87-silent";
    private static readonly byte[] s_key = new byte[32];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_question_is_counted_against_its_own_class_at_the_boundaries_as_the_log_recounts_it()
    {
        // Six owners of 100.00 m² each; four take part: exactly two thirds of area and heads.
        // q1 (ordinary, its own class): 2 yes of 4 is exactly half — not more than half, fails.
        // q2 (major, the matter's class): 3 yes of 4 is exactly three quarters — passes.
        // q3 (ordinary): 3 yes of 4 passes; the fourth ballot is invalid and still takes part.
        Choice[][] answers =
        [
            [Choice.Yes, Choice.Yes, Choice.Yes],
            [Choice.Yes, Choice.Yes, Choice.Yes],
            [Choice.No, Choice.Yes, Choice.Yes],
            [Choice.Abstain, Choice.No, Choice.Invalid],
        ];
        await AppendVoteAsync(MultiVote, "88", silentMajority: false, answers, delivered: 0);

        JsonElement served = await ResultAsync(MultiVote);
        VoteReplayResult replay = await ReplayAsync(MultiVote);
        AssertEqualsReplay(replay, served);
        JsonElement[] questions = [.. served.GetProperty("questions").EnumerateArray()];
        Assert.Equal(
            [("q1", "Ordinary", true, false), ("q2", "Major", false, true), ("q3", "Ordinary", true, true)],
            questions.Select(q => (q.GetProperty("question").GetString(), q.GetProperty("threshold").GetString(), q.GetProperty("ownThreshold").GetBoolean(), q.GetProperty("passing").GetBoolean())));
        Assert.All(questions, q => Assert.True(q.GetProperty("quorumMet").GetBoolean()));
        Assert.Equal((40_000, 4), Count(questions[0], "participating"));
        Assert.Equal((20_000, 2), Count(questions[0], "yes"));
        Assert.Equal((10_000, 1), Count(questions[2], "invalid"));
        // The top level keeps the first question's figures, as before.
        Assert.False(served.GetProperty("passing").GetBoolean());
        Assert.Equal(Count(questions[0], "yes"), Count(served, "yes"));
        Assert.Equal(["yes", "yes", "yes"], served.GetProperty("ballots")[0].GetProperty("answers").EnumerateArray().Select(a => a.GetString()));

        // One owner fewer: 3 of 6 is below two thirds, so nothing passes however the ballots fell.
        await AppendVoteAsync("b89-multi", "89", silentMajority: false, answers[..3], delivered: 0);
        JsonElement fewer = await ResultAsync("b89-multi");
        AssertEqualsReplay(await ReplayAsync("b89-multi"), fewer);
        Assert.All(fewer.GetProperty("questions").EnumerateArray(), q => Assert.False(q.GetProperty("quorumMet").GetBoolean() || q.GetProperty("passing").GetBoolean()));

        // The page shows each question with its class and verdict.
        using HttpClient client = app.CreateApiClient();
        string html = await client.GetStringAsync($"/votes/{MultiVote}/result", Cancel);
        Assert.Contains("data-testid=\"question-q2\" data-passing=\"true\" data-threshold=\"Major\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"question-q1\" data-passing=\"false\" data-threshold=\"Ordinary\"", html, StringComparison.Ordinal);
        Assert.Contains("四分之三以上同意（《民法典》第二百七十八条第二款）", html, StringComparison.Ordinal);

        // ov verify compares every question: a served count of the second question that differs
        // from the recount is a failed audit, one the first question's figures alone would miss.
        JsonNode tampered = JsonNode.Parse(served.GetRawText())!;
        tampered["questions"]![1]!["yes"]!["heads"] = 2;
        using JsonDocument forged = JsonDocument.Parse(tampered.ToJsonString());
        Assert.Contains(ServedResults.Compare(MultiVote, replay, forged.RootElement), d => d.Contains("question q2: the server shows yes 2 heads", StringComparison.Ordinal));
        tampered = JsonNode.Parse(served.GetRawText())!;
        tampered["ballots"]![2]!["answers"]![1] = "no";
        using JsonDocument forgedAnswer = JsonDocument.Parse(tampered.ToJsonString());
        Assert.Contains(ServedResults.Compare(MultiVote, replay, forgedAnswer.RootElement), d => d.Contains("question q2: unit 88-201 voted yes in the log but the server shows no", StringComparison.Ordinal));
        await AssertVerifiesAsync();
    }

    [Fact]
    public async Task Silent_majority_counts_only_non_voters_with_proof_of_delivery_and_the_page_warns()
    {
        // Six owners; two vote (yes, no); two more were delivered the ballot and count as yes; two
        // have no proof of delivery and do not count. 4 of 6 take part: exactly two thirds.
        // q1 (ordinary): 3 of 4 yes passes; q2 (major): exactly three quarters passes.
        await AppendVoteAsync(SilentVote, "87", silentMajority: true, [[Choice.Yes, Choice.Yes, Choice.Yes], [Choice.No, Choice.No, Choice.No]], delivered: 2);

        JsonElement served = await ResultAsync(SilentVote);
        VoteReplayResult replay = await ReplayAsync(SilentVote);
        AssertEqualsReplay(replay, served);
        JsonElement[] questions = [.. served.GetProperty("questions").EnumerateArray()];
        Assert.All(questions, q => Assert.Equal((40_000, 4), Count(q, "participating")));
        Assert.All(questions, q => Assert.Equal((30_000, 3), Count(q, "yes")));
        Assert.Equal([true, true, true], questions.Select(q => q.GetProperty("passing").GetBoolean()));
        JsonElement silent = served.GetProperty("silentMajority");
        Assert.Equal((20_000, 2), Count(silent, "countedAsYes"));
        Assert.Equal((20_000, 2), Count(silent, "undelivered"));
        Assert.Equal(["87-201", "87-202"], served.GetProperty("ballots").EnumerateArray()
            .Where(b => b.GetProperty("channel").GetString() == "silent-majority").Select(b => b.GetProperty("unit").GetString()));

        // A vote without the clause has none (the default: off).
        Assert.Equal(JsonValueKind.Null, (await ResultAsync(DemoSeeder.LiftVoteId)).GetProperty("silentMajority").ValueKind);

        // The page warns in words, in Chinese and English, and passes axe at 360 px, with large type too.
        IPage page = await browser.NewPageAsync(360, 800);
        foreach ((string culture, bool largeType, string warning) in new[] { ("zh-CN", false, "(2022)沪02民初16号"), ("en", false, "(2022) Hu 02 Min Chu No. 16"), ("zh-CN", true, "(2022)沪02民初16号") })
        {
            await page.GotoAsync($"{app.BaseUrl}/language/{culture}?returnUrl=/");
            await page.GotoAsync($"{app.BaseUrl}/large-type/{(largeType ? "on" : "off")}?returnUrl=/");
            foreach (string shown in new[] { SilentVote, "b86-multi" })
            {
                if (shown == "b86-multi" && !await ExistsAsync(shown))
                {
                    await AppendVoteAsync(shown, "86", silentMajority: false, [[Choice.Yes, Choice.No, Choice.Abstain], [Choice.Yes, Choice.Yes, Choice.No], [Choice.Yes, Choice.Yes, Choice.Yes], [Choice.No, Choice.Yes, Choice.Invalid]], delivered: 0);
                }

                await page.GotoAsync($"{app.BaseUrl}/votes/{shown}/result");
                await AxeCheck.AssertNoSeriousViolationsAsync(page, 360, $"{culture} {shown}");
            }

            await page.GotoAsync($"{app.BaseUrl}/votes/{SilentVote}/result");
            await Assertions.Expect(page.GetByTestId("silent-majority")).ToContainTextAsync(warning);
            await Assertions.Expect(page.GetByTestId("question-q2")).ToBeVisibleAsync();
        }

        await AssertVerifiesAsync();
    }

    // The served figures of every question equal the recount's (VoteReplay), and so do the units.
    private static void AssertEqualsReplay(VoteReplayResult replay, JsonElement served)
    {
        JsonElement[] questions = [.. served.GetProperty("questions").EnumerateArray()];
        Assert.Equal(replay.Questions.Select(q => q.Question), questions.Select(q => q.GetProperty("question").GetString()));
        for (int i = 0; i < questions.Length; i++)
        {
            TallyResult tally = replay.Questions[i].Result;
            foreach ((string name, DoubleCount count) in new[]
            {
                ("total", tally.Total), ("participating", tally.Participating), ("yes", tally.Yes), ("no", tally.No), ("abstain", tally.Abstain), ("invalid", tally.Invalid),
            })
            {
                Assert.Equal((count.Area.Hundredths, (long)count.Heads.Value), Count(questions[i], name));
            }

            Assert.Equal(tally.Rule.ToString(), questions[i].GetProperty("threshold").GetString());
            Assert.Equal(tally.QuorumMet, questions[i].GetProperty("quorumMet").GetBoolean());
            Assert.Equal(tally.Passed, questions[i].GetProperty("passing").GetBoolean());
        }

        Assert.Empty(ServedResults.Compare("any", replay, served));
    }

    private static (long Area, long Heads) Count(JsonElement parent, string name) =>
        (parent.GetProperty(name).GetProperty("areaHundredths").GetInt64(), parent.GetProperty(name).GetProperty("heads").GetInt64());

    private async Task<JsonElement> ResultAsync(string vote)
    {
        using HttpClient client = app.CreateApiClient();
        return await client.GetFromJsonAsync<JsonElement>($"/api/votes/{vote}/result", Cancel);
    }

    private async Task<bool> ExistsAsync(string vote)
    {
        using HttpClient client = app.CreateApiClient();
        using HttpResponseMessage response = await client.GetAsync($"/api/votes/{vote}/result", Cancel);
        return response.IsSuccessStatusCode;
    }

    // A vote of building `building` with six owners of 100.00 m², three questions (q1 ordinary
    // by its own class, q2 major as the matter, q3 ordinary), the given paper ballots of the first
    // owners, and BallotDelivered for the next `delivered` owners.
    private async Task AppendVoteAsync(string vote, string building, bool silentMajority, Choice[][] ballots, int delivered)
    {
        DateTimeOffset now = EventTime.Truncate(DateTimeOffset.UtcNow);
        string[] units = [.. new[] { "101", "102", "201", "202", "301", "302" }.Select(u => $"{building}-{u}")];
        string[] owners = [.. units.Select(u => OwnerKey.Hash(s_key, vote + u))];
        var events = new List<LedgerEvent>
        {
            new RollFrozen(Compound, vote, now, "officer:test", [.. units.Select((u, i) => new RollEntry(new UnitId(u), new BuildingId(building), Area.FromHundredths(10_000), AreaSource.Registry, owners[i], new OwnerId(owners[i])))]),
            new MatterPublished(Compound, vote, now, "officer:test", $"{building}号楼三项事项", "全文",
                [new MatterQuestion("q1", "是否同意使用专项维修资金维修电梯？", ThresholdClass.Ordinary), new MatterQuestion("q2", "是否同意将架空层改建为活动室？"), new MatterQuestion("q3", "是否同意更换门禁？", ThresholdClass.Ordinary)],
                [Choice.Yes, Choice.No, Choice.Abstain], [new BuildingId(building)], ThresholdClass.Major, now.AddHours(-1), now.AddDays(7), AllowChange: false,
                InvalidBallotRule.Participating, [], SilentMajority: silentMajority),
        };
        for (int i = 0; i < ballots.Length; i++)
        {
            string serial = $"{vote}-{i}";
            events.Add(new PaperBallotIssued(Compound, vote, now, "officer:test", owners[i], [units[i]], serial));
            events.Add(new PaperBallotRecorded(Compound, vote, now, "officer:test", owners[i], [units[i]], serial,
                [.. ballots[i].Select((c, q) => new BallotAnswer($"q{q + 1}", c))], new string('e', 64), ["officer:a", "officer:b"], Counts: true));
        }

        for (int i = ballots.Length; i < ballots.Length + delivered; i++)
        {
            events.Add(new BallotDelivered(Compound, vote, now, "officer:test", owners[i], DeliveryChannel.Door));
        }

        using IServiceScope scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EventLog>().AppendManyAsync(events, Cancel);
    }

    private async Task<VoteReplayResult> ReplayAsync(string vote)
    {
        using HttpClient client = app.CreateApiClient();
        NoteVerifier key = NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        var entries = new List<LedgerEvent>();
        await LogAuditor.AuditAsync(new HttpTileStore(client), key, [], 0, (_, entry) => entries.Add(EventCodec.Decode(entry.Span)), Cancel);
        return VoteReplay.Replay(entries.Where(e => e.Compound == Compound), vote);
    }

    // ov verify URL recounts the whole log and compares every vote's served result, every question.
    private async Task AssertVerifiesAsync()
    {
        (int exit, string stdout, string stderr) = await Task.Run(() =>
        {
            using var output = new StringWriter { NewLine = "\n" };
            using var errors = new StringWriter { NewLine = "\n" };
            int status = Ov.Run(["verify", app.BaseUrl], TextReader.Null, output, errors);
            return (status, output.ToString(), errors.ToString());
        }, Cancel);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("served results of", stdout, StringComparison.Ordinal);
    }
}
