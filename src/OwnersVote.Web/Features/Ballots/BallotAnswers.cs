using Microsoft.Extensions.Primitives;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>Answers as the ballot pages carry them: form fields and query parameters named <c>q:&lt;question id&gt;</c>.</summary>
public static class BallotAnswers
{
    private const string Prefix = "q:";

    /// <summary>The answers in a query string (only well-formed ones).</summary>
    public static IReadOnlyDictionary<string, string> FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(query.Select(p => (p.Key, p.Value)));
    }

    /// <summary>The answers posted for the context's questions, offered options only.</summary>
    public static IReadOnlyDictionary<string, string> FromForm(IFormCollection form, BallotContext context)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(context);
        return Read(form.Select(p => (p.Key, p.Value)))
            .Where(a => context.Questions.Any(q => q.Id == a.Key) && OwnerBallot.ParseChoice(a.Value) is { } c && context.Options.Contains(c))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    /// <summary>True when every question of the context has one offered answer.</summary>
    public static bool Complete(IReadOnlyDictionary<string, string> answers, BallotContext context)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(context);
        return answers.Count == context.Questions.Count
            && context.Questions.All(q => answers.TryGetValue(q.Id, out string? a) && OwnerBallot.ParseChoice(a) is { } c && context.Options.Contains(c));
    }

    /// <summary>The answers as a query string, e.g. <c>?q%3Aq1=yes</c>.</summary>
    public static string ToQuery(IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return QueryString.Create(answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new KeyValuePair<string, string?>(Prefix + a.Key, a.Value))).ToString();
    }

    private static Dictionary<string, string> Read(IEnumerable<(string Key, StringValues Value)> pairs)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, StringValues value) in pairs)
        {
            if (key.StartsWith(Prefix, StringComparison.Ordinal) && key.Length > Prefix.Length && value.Count == 1 && OwnerBallot.ParseChoice(value[0] ?? "") is not null)
            {
                answers[key[Prefix.Length..]] = value[0]!;
            }
        }

        return answers;
    }
}
