using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace OwnersVote.Paper;

/// <summary>One labelled paragraph of a <see cref="ResultCertificate"/>.</summary>
/// <param name="Label">The label, e.g. <c>表决事项</c>.</param>
/// <param name="Text">The text; long text is wrapped, <c>\n</c> starts a new line.</param>
public sealed record CertificateSection(string Label, string Text);

/// <summary>
/// What a result certificate says (issue 7 item 5): the words are chosen by the caller (Chinese
/// for the notice board), the renderer only lays them out.
/// </summary>
/// <param name="Heading">The page's heading, e.g. <c>业主大会表决结果证明</c>.</param>
/// <param name="Sections">The sections in order: compound, matter, scope, rule, counts, outcome, witnesses.</param>
/// <param name="Checkpoint">The checkpoint as text (a signed note), printed in full.</param>
/// <param name="VerificationUrl">The address the QR code carries and the page prints under it.</param>
/// <param name="QrCaption">The words beside the QR code, e.g. <c>扫码核验</c>.</param>
public sealed record CertificateContent(
    string Heading,
    IReadOnlyList<CertificateSection> Sections,
    string Checkpoint,
    string VerificationUrl,
    string QrCaption);

/// <summary>
/// Writes a one-page A4 result certificate for posting on the notice board: the sections, the
/// checkpoint as text and a QR code of the verification URL. Chinese text uses
/// <see cref="BallotFont"/> (the same registration as the ballots: PDFsharp's font resolver is global).
/// </summary>
public static class ResultCertificate
{
    private const double PointsPerMm = 72 / 25.4;
    private const double Left = 20;
    private const double Width = 170;
    private const double QrSize = 45;
    private const double Bottom = 282;

    /// <summary>Renders <paramref name="content"/> as a PDF into <paramref name="output"/>.</summary>
    /// <exception cref="BallotLayoutException">The text does not fit on one page.</exception>
    /// <exception cref="BallotFontException">The font is missing.</exception>
    public static void Render(CertificateContent content, Stream output, BallotFont? font = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(output);
        font ??= BallotFont.Default;
        BallotFontResolver.Register(font);
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
        var heading = new XFont(font.FaceName, 18, XFontStyleEx.Regular, options);
        var label = new XFont(font.FaceName, 11, XFontStyleEx.Regular, options);
        var body = new XFont(font.FaceName, 10, XFontStyleEx.Regular, options);
        var small = new XFont(font.FaceName, 7, XFontStyleEx.Regular, options);

        using var document = new PdfDocument();
        document.Info.Title = content.Heading;
        document.Info.Creator = "OwnersVote";
        PdfPage page = document.AddPage();
        page.Size = PageSize.A4;
        using XGraphics g = XGraphics.FromPdfPage(page);

        g.DrawString(content.Heading, heading, XBrushes.Black, new XRect(Pt(Left), Pt(18), Pt(Width), Pt(10)), XStringFormats.TopCenter);
        double y = 34;
        foreach (CertificateSection section in content.Sections)
        {
            y = Paragraph(g, section.Label, label, Left, y, Width);
            y = Paragraph(g, section.Text, body, Left + 4, y + 0.5, Width - 4) + 2.5;
        }

        var rule = new XPen(XColors.Black, 0.5);
        g.DrawLine(rule, Pt(Left), Pt(y), Pt(Left + Width), Pt(y));
        y += 3;
        // The checkpoint beside the QR code; the QR's quiet zone is part of its square.
        double qrTop = y;
        y = Paragraph(g, content.Checkpoint, small, Left, y, Width - QrSize - 4);
        using var qr = new QRCodeGenerator();
        using QRCodeData data = qr.CreateQrCode(content.VerificationUrl, QRCodeGenerator.ECCLevel.M);
        PdfQr.Draw(g, data.ModuleMatrix, Left + Width - QrSize, qrTop, QrSize);
        double below = Paragraph(g, content.QrCaption, body, Left + Width - QrSize, qrTop + QrSize, QrSize);
        y = Math.Max(y, below) + 2;
        y = Paragraph(g, content.VerificationUrl, small, Left, y, Width);
        if (y > Bottom)
        {
            throw new BallotLayoutException($"the certificate needs {y:0} mm of the page's {Bottom} mm");
        }

        document.Save(output, closeStream: false);
    }

    private static double Paragraph(XGraphics g, string text, XFont font, double xMm, double yMm, double widthMm) =>
        PdfText.Paragraph(g, text, font, xMm, yMm, widthMm, 1.35);

    private static double Pt(double mm) => mm * PointsPerMm;
}
