using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Voting;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// <c>/manage/votes/draft/{id?}</c>: create or edit a private draft — text, scope, up to three
/// questions each with its threshold class (a warning when the words look like a major matter,
/// Civil Code art. 278), the schedule (5–60 days, objection period, reminders) and the
/// silent-majority option (off by default, with its warning) — and announce it.
/// </summary>
[Authorize(Policy = AccessPolicies.Organiser)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class DraftModel(LifecycleQueries queries, VoteLifecycle lifecycle, TimeProvider time) : PageModel
{
    /// <summary>How many question rows the form offers.</summary>
    public const int QuestionSlots = 3;

    private static readonly TimeSpan s_china = TimeSpan.FromHours(8);

    [BindProperty]
    public string Id { get; set; } = "";

    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string Text { get; set; } = "";

    [BindProperty]
    public string Scope { get; set; } = "";

    [BindProperty]
    public List<string> QuestionTexts { get; set; } = [];

    [BindProperty]
    public List<string> QuestionThresholds { get; set; } = [];

    /// <summary>Opening time as a <c>datetime-local</c> value in Beijing time (UTC+8).</summary>
    [BindProperty]
    public string Opens { get; set; } = "";

    [BindProperty]
    public int VotingDays { get; set; } = 14;

    /// <summary>Hours; 0 or empty for no objection period.</summary>
    [BindProperty]
    public int? ObjectionHours { get; set; } = 72;

    /// <summary>Reminder rounds, hours before the close, comma-separated.</summary>
    [BindProperty]
    public string Reminders { get; set; } = "48";

    [BindProperty]
    public bool AllowChange { get; set; } = true;

    [BindProperty]
    public bool SilentMajority { get; set; }

    /// <summary>Whether the draft is saved (and so can be announced).</summary>
    public bool Exists { get; private set; }

    public bool Saved { get; private set; }

    public string? Refused { get; private set; }

    /// <summary>Major-matter phrases in the text while a question is ordinary.</summary>
    public IReadOnlyList<string> MajorHints { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Opens = ToLocal(time.GetUtcNow().AddDays(1));
            return Page();
        }

        VoteDraftRow? draft = await queries.DraftAsync(id, OwnerSession.From(User)!.CompoundId, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        Load(draft);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        OwnerSession session = OwnerSession.From(User)!;
        if (Input() is not { } input)
        {
            Refused = LifecycleCodes.BadText;
            Hints();
            return Page();
        }

        Refused = await lifecycle.SaveDraftAsync(input, session, cancellationToken);
        Exists = Refused is null || await queries.DraftAsync(Id, session.CompoundId, cancellationToken) is not null;
        Saved = Refused is null;
        Hints();
        return Page();
    }

    public async Task<IActionResult> OnPostAnnounceAsync(CancellationToken cancellationToken)
    {
        OwnerSession session = OwnerSession.From(User)!;
        // What is announced is the saved draft; unsaved edits are saved first.
        Refused = Input() is { } input ? await lifecycle.SaveDraftAsync(input, session, cancellationToken) : LifecycleCodes.BadText;
        Refused ??= await lifecycle.AnnounceAsync(Id, session, cancellationToken);
        if (Refused is null)
        {
            return Redirect($"/manage/votes/{Uri.EscapeDataString(Id)}");
        }

        Exists = await queries.DraftAsync(Id, session.CompoundId, cancellationToken) is not null;
        Hints();
        return Page();
    }

    private DraftInput? Input()
    {
        if (!DateTime.TryParseExact(Opens, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return null;
        }

        List<DraftQuestion> questions = [];
        for (int i = 0; i < QuestionTexts.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(QuestionTexts[i]))
            {
                questions.Add(new DraftQuestion(QuestionTexts[i], QuestionThresholds.ElementAtOrDefault(i) == nameof(ThresholdClass.Major) ? ThresholdClass.Major : ThresholdClass.Ordinary));
            }
        }

        List<int> reminders = [];
        foreach (string part in Reminders.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int hours))
            {
                return null;
            }

            reminders.Add(hours);
        }

        return new DraftInput(
            Id.Trim(),
            Title,
            Text,
            Scope,
            questions,
            new DateTimeOffset(local, s_china),
            VotingDays,
            ObjectionHours is null or 0 ? null : ObjectionHours,
            [.. reminders.Distinct()],
            AllowChange,
            SilentMajority);
    }

    private void Load(VoteDraftRow draft)
    {
        Exists = true;
        Id = draft.Id;
        Title = draft.Title;
        Text = draft.Text;
        Scope = draft.Scope;
        VoteLifecycle.StoredQuestion[] questions = JsonSerializer.Deserialize<VoteLifecycle.StoredQuestion[]>(draft.Questions) ?? [];
        QuestionTexts = [.. questions.Select(q => q.Text)];
        QuestionThresholds = [.. questions.Select(q => q.Threshold)];
        Opens = ToLocal(draft.OpensAt);
        VotingDays = (int)Math.Round((draft.ClosesAt - draft.OpensAt).TotalDays);
        ObjectionHours = draft.ObjectionHours ?? 0;
        Reminders = draft.Reminders;
        AllowChange = draft.AllowChange;
        SilentMajority = draft.SilentMajority;
        Hints();
    }

    // Civil Code art. 278: warn when the words suggest a major matter and a question is not counted as one.
    private void Hints()
    {
        bool anyOrdinary = QuestionTexts.Select((t, i) => (t, i)).Any(q => !string.IsNullOrWhiteSpace(q.t) && QuestionThresholds.ElementAtOrDefault(q.i) != nameof(ThresholdClass.Major));
        MajorHints = anyOrdinary ? ThresholdAdvice.MajorHints(string.Join('\n', [Title, Text, .. QuestionTexts])) : [];
    }

    private static string ToLocal(DateTimeOffset instant) => instant.ToOffset(s_china).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
