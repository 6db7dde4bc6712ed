using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace OwnersVote.Paper;

/// <summary>
/// What one owner's invitation letter says (issue 6 §2). The words are chosen by the caller (Chinese
/// for owners); the renderer lays them out.
/// </summary>
/// <param name="Heading">The heading, e.g. <c>景城品雅苑 业主网上表决邀请函</c>.</param>
/// <param name="Paragraphs">The body: addressee, units, how to sign in, validity, the officers.</param>
/// <param name="Code">The one-time code, printed large.</param>
/// <param name="SignInUrl">The address the QR code carries (the sign-in page with the code).</param>
/// <param name="QrCaption">The words under the QR code.</param>
/// <param name="Footer">A small line at the foot: the letter's id, for recording its delivery.</param>
public sealed record InvitationLetterContent(
    string Heading,
    IReadOnlyList<string> Paragraphs,
    string Code,
    string SignInUrl,
    string QrCaption,
    string Footer);

/// <summary>
/// Writes invitation letters as one A4 PDF, one page per owner: the text, the one-time code in large
/// type, and a QR code of the sign-in address with the code. Chinese uses <see cref="BallotFont"/>
/// (embedded as a subset), as the ballots and certificates do.
/// </summary>
public static class InvitationLetterSheet
{
    private const double PointsPerMm = 72 / 25.4;
    private const double Left = 22;
    private const double Width = 166;
    private const double QrSize = 50;
    private const double Bottom = 282;

    /// <summary>Renders the letters, in order, into <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">There is no letter.</exception>
    /// <exception cref="BallotLayoutException">A letter's text does not fit on its page.</exception>
    /// <exception cref="BallotFontException">The font is missing.</exception>
    public static void Render(IReadOnlyList<InvitationLetterContent> letters, Stream output, BallotFont? font = null)
    {
        ArgumentNullException.ThrowIfNull(letters);
        ArgumentNullException.ThrowIfNull(output);
        if (letters.Count == 0)
        {
            throw new ArgumentException("No letter to render.", nameof(letters));
        }

        font ??= BallotFont.Default;
        BallotFontResolver.Register(font);
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
        var heading = new XFont(font.FaceName, 17, XFontStyleEx.Regular, options);
        var body = new XFont(font.FaceName, 11.5, XFontStyleEx.Regular, options);
        var code = new XFont(font.FaceName, 28, XFontStyleEx.Regular, options);
        var small = new XFont(font.FaceName, 8, XFontStyleEx.Regular, options);

        using var document = new PdfDocument();
        document.Info.Title = letters[0].Heading;
        document.Info.Creator = "OwnersVote";
        foreach (InvitationLetterContent letter in letters)
        {
            ArgumentNullException.ThrowIfNull(letter, nameof(letters));
            PdfPage page = document.AddPage();
            page.Size = PageSize.A4;
            using XGraphics g = XGraphics.FromPdfPage(page);
            g.DrawString(letter.Heading, heading, XBrushes.Black, new XRect(Pt(Left), Pt(22), Pt(Width), Pt(10)), XStringFormats.TopCenter);
            double y = 42;
            foreach (string paragraph in letter.Paragraphs)
            {
                y = Paragraph(g, paragraph, body, Left, y, Width) + 3;
            }

            // The code in a box, large enough to read aloud at the desk; the QR beside it.
            y += 4;
            double qrTop = y;
            var box = new XPen(XColors.Black, 0.8);
            g.DrawRectangle(box, Pt(Left), Pt(y), Pt(Width - QrSize - 8), Pt(20));
            g.DrawString(letter.Code, code, XBrushes.Black, new XRect(Pt(Left), Pt(y), Pt(Width - QrSize - 8), Pt(20)), XStringFormats.Center);
            using var generator = new QRCodeGenerator();
            using QRCodeData data = generator.CreateQrCode(letter.SignInUrl, QRCodeGenerator.ECCLevel.M);
            PdfQr.Draw(g, data.ModuleMatrix, Left + Width - QrSize, qrTop, QrSize);
            double below = Paragraph(g, letter.QrCaption, small, Left + Width - QrSize, qrTop + QrSize, QrSize);
            y = Paragraph(g, letter.SignInUrl, small, Left, qrTop + 24, Width - QrSize - 8);
            y = Math.Max(y, below) + 4;
            y = Paragraph(g, letter.Footer, small, Left, Math.Max(y, Bottom - 12), Width);
            if (y > Bottom)
            {
                throw new BallotLayoutException($"the letter needs {y:0} mm of the page's {Bottom} mm");
            }
        }

        document.Save(output, closeStream: false);
    }

    private static double Paragraph(XGraphics g, string text, XFont font, double xMm, double yMm, double widthMm) =>
        PdfText.Paragraph(g, text, font, xMm, yMm, widthMm, 1.4);

    private static double Pt(double mm) => mm * PointsPerMm;
}
