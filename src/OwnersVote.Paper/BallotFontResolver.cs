using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace OwnersVote.Paper;

/// <summary>
/// PDFsharp's font resolver for the ballot: every family resolves to the registered ballot font
/// (PDFsharp's Core build has no system font lookup of its own). PDFsharp allows the global
/// resolver to be set only before first use, so one instance serves every <see cref="BallotFont"/>.
/// </summary>
internal sealed class BallotFontResolver : IFontResolver
{
    private static readonly Lock s_lock = new();
    private static readonly BallotFontResolver s_instance = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    public static void Register(BallotFont font)
    {
        lock (s_lock)
        {
            s_instance._faces.TryAdd(font.FaceName, font.TrueType);
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = s_instance;
            }
            else if (!ReferenceEquals(GlobalFontSettings.FontResolver, s_instance))
            {
                throw new InvalidOperationException("another PDFsharp font resolver is installed; ballots need theirs");
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        _faces.ContainsKey(familyName) ? new FontResolverInfo(familyName, bold, false) : null;

    public byte[]? GetFont(string faceName) => _faces.TryGetValue(faceName, out byte[]? bytes) ? bytes : null;
}
