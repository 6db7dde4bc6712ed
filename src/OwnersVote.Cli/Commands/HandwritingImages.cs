using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// Checks the handwritten signature images of a log's ballots (issue 11). A ballot's
/// <c>handwriting</c> member is the SHA-256 of its PNG and sits inside the signed ballot; the image
/// itself is stored content-addressed beside the log (<c>/handwriting/&lt;hash&gt;.png</c> on a server,
/// <c>../handwriting/&lt;hash&gt;.png</c> next to a log directory). An image that is missing or whose
/// bytes hash to anything else is a discrepancy: the signature the owner drew was swapped or lost.
/// </summary>
public static class HandwritingImages
{
    /// <summary>Fetches each image from <paramref name="server"/> and compares its SHA-256; returns the discrepancies.</summary>
    public static async Task<IReadOnlyList<string>> CheckServerAsync(Uri server, IReadOnlyList<(long Index, string Sha256)> images, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(stdout);
        var problems = new List<string>();
        if (images.Count == 0)
        {
            return problems;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ov-verify/1");
        foreach ((long index, string hash) in images)
        {
            var url = new Uri(server, $"/handwriting/{hash}.png");
            using HttpResponseMessage response = await client.GetAsync(url).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                problems.Add(Missing(index, hash));
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"GET {url}: {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            byte[] png = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (Compare(index, hash, png) is { } problem)
            {
                problems.Add(problem);
            }
        }

        stdout.WriteLine($"handwriting images: {images.Count.ToString(CultureInfo.InvariantCulture)} checked against the signed ballots");
        return problems;
    }

    /// <summary>Reads each image from the <c>handwriting</c> folder beside <paramref name="logDirectory"/>; without that folder nothing is checked.</summary>
    public static IReadOnlyList<string> CheckDirectory(string logDirectory, IReadOnlyList<(long Index, string Sha256)> images, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(logDirectory);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(stdout);
        var problems = new List<string>();
        string folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(logDirectory).TrimEnd(Path.DirectorySeparatorChar)) ?? logDirectory, "handwriting");
        if (images.Count == 0)
        {
            return problems;
        }

        if (!Directory.Exists(folder))
        {
            stdout.WriteLine($"handwriting images: {images.Count.ToString(CultureInfo.InvariantCulture)} not checked (no folder {folder})");
            return problems;
        }

        foreach ((long index, string hash) in images)
        {
            string path = Path.Combine(folder, hash + ".png");
            string? problem = File.Exists(path) ? Compare(index, hash, File.ReadAllBytes(path)) : Missing(index, hash);
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        stdout.WriteLine($"handwriting images: {images.Count.ToString(CultureInfo.InvariantCulture)} checked against the signed ballots");
        return problems;
    }

    private static string? Compare(long index, string hash, byte[] png)
    {
        string actual = Convert.ToHexStringLower(SHA256.HashData(png));
        return actual == hash
            ? null
            : $"entry {index.ToString(CultureInfo.InvariantCulture)}: the handwritten signature image hashes to {actual}, the signed ballot says {hash}";
    }

    private static string Missing(long index, string hash) =>
        $"entry {index.ToString(CultureInfo.InvariantCulture)}: the handwritten signature image {hash} is missing";

}
