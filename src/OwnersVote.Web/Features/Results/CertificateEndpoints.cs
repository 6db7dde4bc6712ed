using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Ledger;
using OwnersVote.Paper;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Votes;
using OwnersVote.Web.Hosting;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Localization;

namespace OwnersVote.Web.Features.Results;

/// <summary>
/// <c>GET /votes/{id}/certificate.pdf</c>: the result certificate for the notice board (issue 7
/// item 5), in Chinese: the matter, both counts against the thresholds of Civil Code art. 278,
/// the outcome, the checkpoint the tally was published at, the witnesses that cosigned, and a QR
/// code of the result page with that checkpoint (<c>/votes/{id}/result?checkpoint={size}</c>),
/// which checks the certificate's checkpoint against the published tally.
/// </summary>
public static class CertificateEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointConventionBuilder MapCertificateEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/votes/{id}/certificate.pdf", GetCertificateAsync).ExcludeFromDescription().AllowAnonymous();

    /// <summary>The verification address a certificate's QR code carries.</summary>
    public static string VerificationUrl(string publicUrl, string voteId, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        return $"{publicUrl.TrimEnd('/')}/votes/{Uri.EscapeDataString(voteId)}/result?checkpoint={treeSize}";
    }

    /// <summary>The certificate of a vote whose result is published in the log; 404 otherwise.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCertificateAsync(
        string id, ResultQuery results, OwnersVoteDb db, EventLog log, IOptions<LogOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        if (await results.GetAsync(id, cancellationToken) is not { } r)
        {
            return Problems.VoteNotFoundResult(id);
        }

        if (r.PublishedInLog is not { } tally)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                type: Problems.NotFound,
                title: "No published result",
                detail: $"The result of vote '{id}' is not published in the log yet; a certificate needs its checkpoint.");
        }

        CompoundRow? compound = await db.Compounds.AsNoTracking().SingleOrDefaultAsync(c => c.Id == r.Vote.CompoundId, cancellationToken);
        MatterRow matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        UiText t = ChineseText.Instance;

        // The served checkpoint is the newest; the log is append-only, so it contains the tally's
        // tree. The witness keys that verify a cosignature on it are the ones that cosigned it.
        IReadOnlyList<PublishedWitness> witnesses = log.Witnesses.All;
        byte[] latest = log.LatestCheckpoint;
        OpenedNote opened = Note.Open(latest, [log.Verifier, .. witnesses.Select(w => w.Key)]);
        Checkpoint checkpoint = Checkpoint.Parse(opened.Text);
        HashSet<string> cosigned = [.. opened.Signatures.Select(s => s.Verifier).OfType<CosignatureVerifier>().Select(v => v.VerifierKey)];
        List<string> cosigners = [.. witnesses.Where(w => cosigned.Contains(w.Key.VerifierKey)).Select(w => w.IsDemo ? t.DemoWitnessName(w.Name) : w.Name)];

        string scope = r.Vote.ScopeBuildings.Count == 0
            ? t.WholeCompound
            : string.Join("、", r.Vote.ScopeBuildings.Select(t.BuildingOwners));
        // Civil Code art. 278: participation of two thirds of area and heads, then yes over the
        // participation (more than half, or three quarters for a major matter), both dimensions.
        string counts = string.Join('\n',
            $"{t.Quorum}（{t.QuorumRule}）：",
            $"  {t.AreaLabel}：{t.Counted(t.SquareMetres(r.Quorum.Have.Area), t.SquareMetres(r.Quorum.Required.Area))} {Mark(t, r.Quorum.AreaMet)}",
            $"  {t.HeadsLabel}：{t.Counted(t.Heads(r.Quorum.Have.Heads), t.Heads(r.Quorum.Required.Heads))} {Mark(t, r.Quorum.HeadsMet)}",
            $"{t.YesVotes}（{t.YesRule(r.Vote.Threshold)}）：",
            $"  {t.AreaLabel}：{t.Counted(t.SquareMetres(r.YesThreshold.Have.Area), t.SquareMetres(r.YesThreshold.Required.Area))} {Mark(t, r.YesThreshold.AreaMet)}",
            $"  {t.HeadsLabel}：{t.Counted(t.Heads(r.YesThreshold.Have.Heads), t.Heads(r.YesThreshold.Required.Heads))} {Mark(t, r.YesThreshold.HeadsMet)}",
            t.Eligible(r.Total.Heads, r.Total.Area));
        string outcome = (r.Passing ? t.Passed : t.NotPassed)
            + (r.PublishedAt is { } at ? "\n" + t.PublishedAt(t.When(at)) : "")
            + "\n" + string.Join('\n', r.Reasons.Select(x => x.Chinese));
        // Issue 7: once final, the certificate pins the finalisation's checkpoint (it contains the
        // tally, the objections and their answers); before that, the preliminary tally's.
        LogPosition pinned = r.FinalInLog ?? tally;
        // Preliminary or final, in the heading; the objection period's end beside the outcome.
        string? objectionEnds = r.FinalInLog is null && Lifecycle.LifecycleStages.ObjectionPeriodEnds(matter) is { } ends ? t.When(ends) : null;
        string heading = $"{t.CertificateHeading}（{(objectionEnds is null ? t.CertificateFinal : t.CertificatePreliminaryShort)}）";
        string stageLine = objectionEnds is null ? "" : t.CertificatePreliminary(objectionEnds) + "\n";
        string logText = string.Join('\n', new[]
        {
            t.PublishedInLog(tally.TreeSize) + tally.RootHash,
            r.FinalInLog is { } final ? t.CertificateFinalLog(final.TreeSize, final.RootHash) : null,
            $"{log.Origin}  {log.VerifierKey}",
            t.CertificateWitnessed(checkpoint.Size, cosigners, log.WitnessQuorum),
        }.OfType<string>());

        string url = VerificationUrl(options.Value.PublicUrl, id, pinned.TreeSize);
        // Several questions (or one with its own class): each question's rule, counts and outcome
        // replace the single question's threshold details, so the page still holds everything.
        List<CertificateSection> questions = [.. Questions(t, matter)];
        CertificateSection[] counted = questions.Count > 0
            ? [.. questions, new(t.CertificateOutcome, stageLine + (r.PublishedAt is { } when ? t.PublishedAt(t.When(when)) : t.ResultPending))]
            : [new(t.Rule, t.RuleInPlainWords(r.Vote.Threshold)), new(t.CertificateCounts, counts), new(t.CertificateOutcome, stageLine + outcome)];
        var content = new CertificateContent(
            heading,
            [
                new(t.CertificateCompound, compound is null ? r.Vote.CompoundId : $"{compound.Name}（{compound.Locality}）"),
                new(t.MatterLabel, $"{r.Vote.Title}（{id}）"),
                new(t.Scope, scope),
                .. counted,
                new(t.CertificateLog, logText),
            ],
            Encoding.UTF8.GetString(latest),
            url,
            t.CertificateScanToVerify);

        using var pdf = new MemoryStream();
        ResultCertificate.Render(content, pdf);
        return TypedResults.File(pdf.ToArray(), "application/pdf", $"{id}-certificate.pdf");
    }

    private static string Mark(UiText t, bool met) => met ? t.Met : t.CertificateNotMet;

    // A vote with several questions, or a question with its own class: each question's published
    // figures and outcome, as TallyPublished holds them, with the rule and article applied.
    private static IEnumerable<CertificateSection> Questions(UiText t, MatterRow matter)
    {
        if (matter.TallyJson is not { } json
            || OwnersVote.Voting.Events.EventCodec.Decode(Encoding.UTF8.GetBytes(json)) is not OwnersVote.Voting.Events.TallyPublished published
            || (published.Questions.Count < 2 && published.Questions.All(q => q.Rule is null)))
        {
            yield break;
        }

        string[] ids = matter.Questions.Split('\n');
        string[] texts = System.Text.Json.JsonSerializer.Deserialize<string[]>(matter.QuestionTexts) ?? [];
        var lines = new List<string>();
        foreach (OwnersVote.Voting.Events.QuestionTally q in published.Questions)
        {
            int i = Array.IndexOf(ids, q.Question);
            string text = i >= 0 && i < texts.Length ? texts[i] : q.Question;
            string rule = (q.Rule ?? published.Rule).ToString();
            string result = !q.QuorumMet ? t.NoQuorum : q.Passed ? t.Passed : t.NotPassed;
            lines.Add(t.QuestionOutcome(
                $"{q.Question}. {text}",
                t.RuleArticle(rule),
                t.AreaAndHeads(q.Participating.Area.ToString(), q.Participating.Heads.Value),
                t.AreaAndHeads(q.Yes.Area.ToString(), q.Yes.Heads.Value),
                result));
        }

        yield return new CertificateSection(t.CertificateQuestions, string.Join('\n', lines));
    }
}
