using System.Globalization;
using System.Xml.Linq;

namespace OwnersVote.Web.Features.Money;

/// <summary>One bar: a label, a value in fen, and its series (a CSS class, e.g. <c>in</c>, <c>out</c>, <c>planned</c>).</summary>
/// <param name="Label">What the bar shows, in the page's language.</param>
/// <param name="Value">The amount in fen, not negative.</param>
/// <param name="Series">The series it belongs to (also its colour and pattern).</param>
public sealed record ChartBar(string Label, long Value, string Series);

/// <summary>The bars of one period.</summary>
/// <param name="Label">The period, e.g. <c>2026-01-01 – 2026-06-30</c>.</param>
/// <param name="Bars">Its bars.</param>
public sealed record ChartGroup(string Label, IReadOnlyList<ChartBar> Bars);

/// <summary>
/// A horizontal bar chart drawn on the server as SVG (<c>_BarChart.cshtml</c>): no script, readable
/// at 360 px, every bar labelled with its amount, and the same figures in a table beside it (the
/// SVG is an image with a title and description; the table is what screen readers read).
/// Geometry is integer: a bar's width is its value times the track width over the largest value.
/// </summary>
/// <param name="Id">A page-unique id prefix.</param>
/// <param name="Title">The chart's title.</param>
/// <param name="Description">What it shows, in words.</param>
/// <param name="Groups">The periods in time order.</param>
public sealed record BarChart(string Id, string Title, string Description, IReadOnlyList<ChartGroup> Groups)
{
    /// <summary>The drawing's width in SVG units.</summary>
    public const int Width = 340;

    /// <summary>Height of a period's label row.</summary>
    public const int GroupLabelHeight = 24;

    /// <summary>Height of one bar row.</summary>
    public const int BarHeight = 22;

    /// <summary>The longest bar's width: room is left for its amount on a phone.</summary>
    public const int Track = 200;

    /// <summary>The total height.</summary>
    public int Height => checked(Groups.Sum(g => GroupLabelHeight + (g.Bars.Count * BarHeight)) + 8);

    /// <summary>The largest value (at least 1, so an all-zero chart draws empty bars).</summary>
    public long Max => Math.Max(1, Groups.SelectMany(g => g.Bars).Select(b => b.Value).DefaultIfEmpty(0).Max());

    /// <summary>The width of a bar; a non-zero value is at least one unit wide, so it shows.</summary>
    public int BarWidth(long value) => value <= 0 ? 0 : (int)Math.Max(1, checked(value * Track) / Max);

    /// <summary>The y of each group's label row, in order.</summary>
    public IEnumerable<(ChartGroup Group, int Y)> Layout()
    {
        int y = 4;
        foreach (ChartGroup g in Groups)
        {
            yield return (g, y);
            y = checked(y + GroupLabelHeight + (g.Bars.Count * BarHeight));
        }
    }

    /// <summary>
    /// The SVG markup: <c>role="img"</c> named by its title and description; each bar a
    /// <c>rect</c> with its series as class and its amount written beside it. Text is escaped by
    /// <see cref="XElement"/>.
    /// </summary>
    public string ToSvg()
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        var root = new XElement(
            svg + "svg",
            new XAttribute("class", "bar-chart"),
            new XAttribute("viewBox", Invariant($"0 0 {Width} {Height}")),
            new XAttribute("width", "100%"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{Id}-title {Id}-desc"),
            new XAttribute("data-testid", $"{Id}-svg"),
            new XElement(svg + "title", new XAttribute("id", $"{Id}-title"), Title),
            new XElement(svg + "desc", new XAttribute("id", $"{Id}-desc"), Description));
        foreach ((ChartGroup group, int y) in Layout())
        {
            root.Add(new XElement(svg + "text", new XAttribute("x", 0), new XAttribute("y", y + 16), new XAttribute("class", "group-label"), group.Label));
            int row = y + GroupLabelHeight;
            foreach (ChartBar bar in group.Bars)
            {
                int w = BarWidth(bar.Value);
                root.Add(
                    new XElement(svg + "rect", new XAttribute("x", 0), new XAttribute("y", row + 3), new XAttribute("width", w), new XAttribute("height", BarHeight - 6), new XAttribute("class", "bar " + bar.Series)),
                    new XElement(svg + "text", new XAttribute("x", w + 4), new XAttribute("y", row + 16), new XAttribute("class", "bar-label"), $"{bar.Label} {Fen.Yuan(bar.Value)}"));
                row = checked(row + BarHeight);
            }
        }

        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
