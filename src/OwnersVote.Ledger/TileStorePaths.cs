namespace OwnersVote.Ledger;

/// <summary>Rules shared by the tile stores.</summary>
internal static class TileStorePaths
{
    /// <summary>
    /// Full tiles and bundles (a <c>tile/</c> path without <c>.p/</c>) never change once written;
    /// partial tiles and the checkpoint do.
    /// </summary>
    public static bool IsImmutable(string path) =>
        path.StartsWith("tile/", StringComparison.Ordinal) && !path.Contains(".p/", StringComparison.Ordinal);

    /// <summary>
    /// Accepts only relative, '/'-separated paths of plain names: no empty, "." or ".." segments,
    /// no backslashes, colons or control characters, so a path can never leave the store's root.
    /// </summary>
    /// <exception cref="ArgumentException">The path could escape the store or is not a plain relative path.</exception>
    public static void Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Length > 1024)
        {
            throw new ArgumentException("A store path is 1 to 1024 characters.", nameof(path));
        }

        foreach (string segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                throw new ArgumentException($"'{path}' is not a plain relative path (empty, '.' or '..' segment).", nameof(path));
            }

            foreach (char c in segment)
            {
                if (c == '\\' || c == ':' || char.IsControl(c))
                {
                    throw new ArgumentException($"'{path}' contains a character a store path may not contain.", nameof(path));
                }
            }
        }
    }
}
