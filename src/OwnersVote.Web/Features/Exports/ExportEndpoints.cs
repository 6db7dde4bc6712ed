using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Paper;
using OwnersVote.Voting;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Results;
using OwnersVote.Web.Hosting;
using OwnersVote.Web.Localization;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.Web.Features.Exports;

/// <summary>
/// Exports for the committee and the housing authority (issue 7 part 8), each as <c>.xlsx</c>
/// (<see cref="XlsxTable"/>), <c>.csv</c> (RFC 4180, UTF-8 with BOM for spreadsheet programs) and
/// <c>.pdf</c> (<see cref="TableDocument"/>), in Chinese:
/// <list type="bullet">
/// <item><c>/votes/{id}/export/result.*</c> — both counts (area and heads) by choice against the
/// thresholds: public, like the result page (DESIGN.md §1).</item>
/// <item><c>/votes/{id}/export/participation.*</c> — the roll with participation: each unit, its
/// area, whether its owner voted and by which channel, never how; for a closed vote only, to the
/// committee, officers and auditors (<see cref="AccessPolicies.Records"/>).</item>
/// </list>
/// The log is not copied into an archive: it is already published as immutable tiles under
/// <c>/log</c>, and a copy would have to be verified against the checkpoint anyway (docs/money.md:
/// <c>ov verify</c> downloads and recounts it).
/// </summary>
public static class ExportEndpoints
{
    /// <summary>The ProblemDetails type of a participation roll asked for while the vote is open.</summary>
    public const string VoteOpen = "urn:ownersvote:problem:vote-open";

    private static readonly string[] s_formats = ["xlsx", "csv", "pdf"];

    /// <summary>Maps the endpoints.</summary>
    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (string format in s_formats)
        {
            app.MapGet($"/votes/{{id}}/export/result.{format}", (string id, ResultQuery results, CancellationToken ct) => ResultAsync(id, format, results, ct))
                .ExcludeFromDescription().AllowAnonymous();
            app.MapGet($"/votes/{{id}}/export/participation.{format}", (string id, HttpContext context, OwnersVoteDb db, CancellationToken ct) => ParticipationAsync(id, format, context, db, ct))
                .ExcludeFromDescription().RequireAuthorization(AccessPolicies.Records);
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ResultAsync(string id, string format, ResultQuery results, CancellationToken cancellationToken)
    {
        if (await results.GetAsync(id, cancellationToken) is not { } r)
        {
            return Problems.VoteNotFoundResult(id);
        }

        UiText t = ChineseText.Instance;
        string[] header = ["类别", "面积（平方米）", "户数"];
        List<string[]> rows =
        [
            ["全体业主", r.Total.Area, Heads(r.Total.Heads)],
            ["参与表决", r.Participating.Area, Heads(r.Participating.Heads)],
            ["同意", r.Yes.Area, Heads(r.Yes.Heads)],
            ["反对", r.No.Area, Heads(r.No.Heads)],
            ["弃权", r.Abstain.Area, Heads(r.Abstain.Heads)],
            ["无效", r.Invalid.Area, Heads(r.Invalid.Heads)],
            ["未投票", r.NotYetVoted.Area, Heads(r.NotYetVoted.Heads)],
            ["参与门槛（三分之二）", r.Quorum.Required.Area, Heads(r.Quorum.Required.Heads)],
            ["同意门槛", r.YesThreshold.Required.Area, Heads(r.YesThreshold.Required.Heads)],
        ];
        string outcome = r.Vote.Status == Votes.VoteStatus.Closed ? (r.Passing ? t.Passed : t.NotPassed) : t.LiveCountNote;
        string[] notes = [$"{r.Vote.Title}（{id}）", t.RuleInPlainWords(r.Vote.Threshold), outcome, .. r.Reasons.Select(x => x.Chinese)];
        return File(format, $"{id}-result", $"表决结果：{r.Vote.Title}", notes, header, rows);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ParticipationAsync(string id, string format, HttpContext context, OwnersVoteDb db, CancellationToken cancellationToken)
    {
        string? compound = SignIn.OwnerSession.From(context.User)?.CompoundId;
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.CompoundId == compound, cancellationToken);
        if (matter is null)
        {
            return Problems.VoteNotFoundResult(id);
        }

        if (matter.ClosedAt is null)
        {
            // Who has voted is not handed out while owners are still voting.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: VoteOpen, title: "Vote still open",
                detail: $"The participation roll of vote '{id}' is exported once the vote is closed.");
        }

        List<string> scope = await db.MatterScopes.AsNoTracking().Where(s => s.MatterId == id).Select(s => s.BuildingId).ToListAsync(cancellationToken);
        List<UnitRow> units = await db.Units.AsNoTracking().Where(u => u.VoteId == id).ToListAsync(cancellationToken);
        Dictionary<string, string> channelOf = (await db.Ballots.AsNoTracking().Where(b => b.MatterId == id && b.Counts).ToListAsync(cancellationToken))
            .GroupBy(b => b.OwnerId).ToDictionary(g => g.Key, g => g.First().Channel);
        string[] header = ["房号", "楼栋", "面积（平方米）", "面积来源", "是否参与", "渠道"];
        List<string[]> rows = [.. units
            .Where(u => scope.Count == 0 || scope.Contains(u.BuildingId))
            .OrderBy(u => u.Id, NaturalUnitOrder.Instance)
            .Select(u => new[]
            {
                u.Id,
                u.BuildingId,
                Area.FromHundredths(u.AreaHundredths).ToString(),
                u.AreaSource,
                channelOf.ContainsKey(u.OwnerId) ? "是" : "否",
                channelOf.TryGetValue(u.OwnerId, out string? channel) ? (channel == Projections.Projector.Paper ? "纸质选票" : "网上投票") : "",
            })];
        string[] notes = [$"{matter.Title}（{id}）", "只列是否参与及渠道，不列投票内容。业主只以房号和面积出现（不含姓名、证件号）。"];
        return File(format, $"{id}-participation", $"参与表决名册：{matter.Title}", notes, header, rows);
    }

    private static FileContentHttpResult File(string format, string name, string heading, IReadOnlyList<string> notes, string[] header, List<string[]> rows)
    {
        switch (format)
        {
            case "xlsx":
                using (var xlsx = new MemoryStream())
                {
                    XlsxTable.Write(xlsx, "表", [header, .. rows]);
                    return TypedResults.File(xlsx.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
                }

            case "csv":
                var csv = new StringBuilder("\uFEFF");
                foreach (string[] row in rows.Prepend(header))
                {
                    csv.AppendJoin(',', row.Select(Voting.CsvWriter.Field)).Append("\r\n");
                }

                return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name + ".csv");
            default:
                using (var pdf = new MemoryStream())
                {
                    TableDocument.Render(heading, notes, header, [.. rows], pdf);
                    return TypedResults.File(pdf.ToArray(), "application/pdf", name + ".pdf");
                }
        }
    }

    private static string Heads(long heads) => heads.ToString(CultureInfo.InvariantCulture);
}
