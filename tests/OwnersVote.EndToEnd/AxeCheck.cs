using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The accessibility check the browser tests share: no serious or critical axe-core violation on
/// the page as it stands, and, where a width is given, nothing wider than the phone (no sideways
/// scrolling). A failure lists every such violation with its nodes.
/// </summary>
internal static class AxeCheck
{
    /// <summary>Asserts the page has no serious or critical violation (and fits <paramref name="maxWidth"/> when given).</summary>
    /// <param name="page">The page, loaded.</param>
    /// <param name="maxWidth">The viewport width the page must not overflow, or null to skip that check.</param>
    /// <param name="context">What is being checked (culture, path), for the failure message.</param>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, int? maxWidth = null, string? context = null)
    {
        AxeResult axe = await page.RunAxe();
        AxeResultItem[] bad = [.. axe.Violations.Where(v => v.Impact is "serious" or "critical")];
        Assert.True(
            bad.Length == 0,
            (context is null ? "" : context + ": ") + string.Join("\n", bad.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        if (maxWidth is { } width)
        {
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, $"{context} is wider than {width} px");
        }
    }
}
