using System.Globalization;
using System.Net;
using System.Text.Json;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// Compares what a server shows with the recount of its log (DESIGN.md §2: the tables are
/// projections of the log, so a result page that differs from the recount is a failed audit). For
/// each vote, <c>GET /api/votes/{id}/result</c> must give the recount's participating, yes, no and
/// abstain counts (area and heads) and exactly the recount's counted units with their choices, for
/// the matter's first question (the one the result page shows).
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

    /// <summary>The differences between one served result (JSON) and the vote's recount.</summary>
    public static IEnumerable<string> Compare(string vote, VoteReplayResult replay, JsonElement served)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ReplayedQuestion question = replay.Questions[0];
        TallyResult tally = question.Result;
        foreach ((string name, DoubleCount count) in new[]
        {
            ("participating", tally.Participating), ("yes", tally.Yes), ("no", tally.No), ("abstain", tally.Abstain),
        })
        {
            if (!served.TryGetProperty(name, out JsonElement shown)
                || !shown.TryGetProperty("heads", out JsonElement heads) || !shown.TryGetProperty("areaHundredths", out JsonElement area))
            {
                yield return $"vote {vote}: the server's result has no '{name}' count";
                continue;
            }

            if (heads.GetInt64() != count.Heads.Value || area.GetInt64() != count.Area.Hundredths)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"vote {vote}: the server shows {name} {heads.GetInt64()} heads {Area.FromHundredths(area.GetInt64())} m², the log recounts {count.Heads.Value} heads {count.Area} m²");
            }
        }

        Dictionary<string, string> recounted = question.Ballots.ToDictionary(b => b.Unit.Value, b => OwnerBallot.ChoiceText(b.Choice), StringComparer.Ordinal);
        var shownUnits = new Dictionary<string, string>(StringComparer.Ordinal);
        if (served.TryGetProperty("ballots", out JsonElement ballots))
        {
            foreach (JsonElement b in ballots.EnumerateArray())
            {
                shownUnits[b.GetProperty("unit").GetString() ?? ""] = b.GetProperty("choice").GetString() ?? "";
            }
        }

        foreach ((string unit, string choice) in recounted.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!shownUnits.TryGetValue(unit, out string? shown))
            {
                yield return $"vote {vote}: unit {unit} voted {choice} in the log but the server does not count it";
            }
            else if (shown != choice)
            {
                yield return $"vote {vote}: unit {unit} voted {choice} in the log but the server shows {shown}";
            }
        }

        foreach (string unit in shownUnits.Keys.Where(u => !recounted.ContainsKey(u)).Order(StringComparer.Ordinal))
        {
            yield return $"vote {vote}: the server counts unit {unit}, which has no counted ballot in the log";
        }
    }
}
