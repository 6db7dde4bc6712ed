using System.Globalization;
using System.Net;
using System.Text.Json;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// Compares what a server shows with the recount of its log (DESIGN.md §2: the tables are
/// projections of the log, so a result page that differs from the recount is a failed audit). For
/// each vote, <c>GET /api/votes/{id}/result</c> must give the recount's participating, yes, no and
/// abstain counts (area and heads) and exactly the recount's counted units with their choices: at
/// the top level for the matter's first question, and in <c>questions</c> (with each unit's
/// <c>answers</c>) for every question of the matter, each counted against its own threshold class
/// (Civil Code art. 278).
/// </summary>
public static class ServedResults
{
    /// <summary>
    /// Fetches each vote's served result and returns every difference from the recount. A URL
    /// without the results API (<c>/api/votes</c> is 404: a plain mirror of the log's files, which
    /// any web server or CDN may be) has nothing to compare; that is said on <paramref name="stdout"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CompareAsync(Uri server, RecountReport report, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stdout);
        string root = server.AbsoluteUri.EndsWith('/') ? server.AbsoluteUri : server.AbsoluteUri + "/";
        using var client = new HttpClient { BaseAddress = new Uri(root), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ov-verify/1");
        var differences = new List<string>();
        using (HttpResponseMessage list = await client.GetAsync("api/votes", cancellationToken).ConfigureAwait(false))
        {
            if (list.StatusCode == HttpStatusCode.NotFound)
            {
                stdout.WriteLine($"{root} serves the log only (no /api/votes): the recount was not compared with served results");
                return differences;
            }
        }

        int compared = 0;
        foreach ((string vote, VoteReplayResult replay) in report.Replays.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            using HttpResponseMessage response = await client.GetAsync($"api/votes/{Uri.EscapeDataString(vote)}/result", cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                differences.Add($"vote {vote}: in the log but the server shows no result for it");
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"GET {client.BaseAddress}api/votes/{vote}/result: {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            using JsonDocument served = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            differences.AddRange(Compare(vote, replay, served.RootElement));
            compared++;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"served results of {compared} vote(s) compared with the recount"));
        return differences;
    }

    /// <summary>The differences between one served result (JSON) and the vote's recount, on every question.</summary>
    public static IEnumerable<string> Compare(string vote, VoteReplayResult replay, JsonElement served)
    {
        ArgumentNullException.ThrowIfNull(replay);
        // The top level is the first question's count (the result page's original figures).
        foreach (string difference in CompareCounts(vote, "", replay.Questions[0].Result, served))
        {
            yield return difference;
        }

        if (served.TryGetProperty("questions", out JsonElement questions) && questions.ValueKind == JsonValueKind.Array)
        {
            List<JsonElement> shown = [.. questions.EnumerateArray()];
            if (shown.Count != replay.Questions.Count)
            {
                yield return $"vote {vote}: the server shows {shown.Count} question(s), the log has {replay.Questions.Count}";
            }

            for (int i = 0; i < Math.Min(shown.Count, replay.Questions.Count); i++)
            {
                ReplayedQuestion question = replay.Questions[i];
                string id = shown[i].TryGetProperty("question", out JsonElement q) ? q.GetString() ?? "" : "";
                if (id != question.Question)
                {
                    yield return $"vote {vote}: the server's question {i + 1} is '{id}', the log's is '{question.Question}'";
                    continue;
                }

                foreach (string difference in CompareCounts(vote, $"question {id}: ", question.Result, shown[i]))
                {
                    yield return difference;
                }

                // Civil Code art. 278: each question passes or fails against its own class.
                if (shown[i].TryGetProperty("threshold", out JsonElement threshold) && threshold.GetString() != question.Result.Rule.ToString())
                {
                    yield return $"vote {vote}: question {id}: the server counts it as {threshold.GetString()}, the log as {question.Result.Rule}";
                }

                if (shown[i].TryGetProperty("passing", out JsonElement passing) && passing.GetBoolean() != question.Result.Passed)
                {
                    yield return $"vote {vote}: question {id}: the server shows it {(passing.GetBoolean() ? "passing" : "failing")}, the log recounts it {(question.Result.Passed ? "passing" : "failing")}";
                }
            }
        }
        else if (replay.Questions.Count > 1)
        {
            yield return $"vote {vote}: the log has {replay.Questions.Count} questions but the server's result shows only the first";
        }

        foreach (string difference in CompareUnits(vote, replay, served))
        {
            yield return difference;
        }
    }

    private static IEnumerable<string> CompareCounts(string vote, string which, TallyResult tally, JsonElement served)
    {
        foreach ((string name, DoubleCount count) in new[]
        {
            ("participating", tally.Participating), ("yes", tally.Yes), ("no", tally.No), ("abstain", tally.Abstain),
        })
        {
            if (!served.TryGetProperty(name, out JsonElement shown)
                || !shown.TryGetProperty("heads", out JsonElement heads) || !shown.TryGetProperty("areaHundredths", out JsonElement area))
            {
                yield return $"vote {vote}: {which}the server's result has no '{name}' count";
                continue;
            }

            if (heads.GetInt64() != count.Heads.Value || area.GetInt64() != count.Area.Hundredths)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"vote {vote}: {which}the server shows {name} {heads.GetInt64()} heads {Area.FromHundredths(area.GetInt64())} m², the log recounts {count.Heads.Value} heads {count.Area} m²");
            }
        }
    }

    private static IEnumerable<string> CompareUnits(string vote, VoteReplayResult replay, JsonElement served)
    {
        // Each counted unit with its choice on every question (a silent-majority yes included).
        var shownUnits = new Dictionary<string, (string First, List<string> Answers)>(StringComparer.Ordinal);
        if (served.TryGetProperty("ballots", out JsonElement ballots))
        {
            foreach (JsonElement b in ballots.EnumerateArray())
            {
                List<string> answers = b.TryGetProperty("answers", out JsonElement a) && a.ValueKind == JsonValueKind.Array
                    ? [.. a.EnumerateArray().Select(x => x.GetString() ?? "")]
                    : [];
                shownUnits[b.GetProperty("unit").GetString() ?? ""] = (b.GetProperty("choice").GetString() ?? "", answers);
            }
        }

        for (int i = 0; i < replay.Questions.Count; i++)
        {
            ReplayedQuestion question = replay.Questions[i];
            string which = i == 0 ? "" : $"question {question.Question}: ";
            Dictionary<string, string> recounted = question.Ballots.ToDictionary(b => b.Unit.Value, b => PaperBallotRecorded.ChoiceText(b.Choice), StringComparer.Ordinal);
            foreach ((string unit, string choice) in recounted.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!shownUnits.TryGetValue(unit, out var shown))
                {
                    if (i == 0)
                    {
                        yield return $"vote {vote}: unit {unit} voted {choice} in the log but the server does not count it";
                    }

                    continue;
                }

                string? shownChoice = i == 0 ? shown.First : shown.Answers.ElementAtOrDefault(i);
                if (shownChoice is null)
                {
                    yield return $"vote {vote}: {which}the server shows no answer of unit {unit}";
                }
                else if (shownChoice != choice)
                {
                    yield return $"vote {vote}: {which}unit {unit} voted {choice} in the log but the server shows {shownChoice}";
                }
            }

            if (i == 0)
            {
                foreach (string unit in shownUnits.Keys.Where(u => !recounted.ContainsKey(u)).Order(StringComparer.Ordinal))
                {
                    yield return $"vote {vote}: the server counts unit {unit}, which has no counted ballot in the log";
                }
            }
        }
    }
}
