namespace OwnersVote.Web.Features.Paper;

/// <summary>The <c>Paper</c> configuration section (DESIGN.md §2 "Paper ballots").</summary>
public sealed class PaperOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Paper";

    /// <summary>The largest upload accepted in one request, in bytes (a stack of scanned sheets as one PDF or TIFF).</summary>
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    /// <summary>
    /// When an owner voted online and also returned a paper ballot, the online ballot stands and the
    /// paper one is recorded as superseded (DESIGN.md: "online wins by default; configurable").
    /// False: the paper ballot, confirmed by two officers, counts and the online one is superseded
    /// (<c>BallotSuperseded</c>, reason <c>paper-wins-over-online</c>).
    /// </summary>
    public bool OnlineWins { get; set; } = true;

    /// <summary>The resolution uploaded PDFs are rasterised at (DESIGN.md: scans of 200–300 dpi).</summary>
    public int PdfDpi { get; set; } = 200;
}
