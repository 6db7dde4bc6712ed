using System.Text;

namespace OwnersVote.Web.Ledger;

/// <summary>Key files the server makes for itself on first run: written once, readable by its owner only.</summary>
public static class SecretFile
{
    /// <summary>
    /// Returns the file's bytes, creating it with <paramref name="create"/>'s bytes first if it does
    /// not exist. The file is created exclusively with mode 0600, so two processes never both write it
    /// and no other user can read the key.
    /// </summary>
    public static async Task<byte[]> ReadOrCreateAsync(string path, Func<byte[]> create, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(create);
        if (!File.Exists(path))
        {
            // A full path to a file always has a directory part.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            byte[] content = create();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                await using var stream = new FileStream(path, options);
                await stream.WriteAsync(content, cancellationToken);
                return content;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    /// <summary>Like <see cref="ReadOrCreateAsync"/> for a one-line text key; the line break is not part of the key.</summary>
    public static async Task<string> ReadOrCreateLineAsync(string path, Func<string> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        byte[] bytes = await ReadOrCreateAsync(path, () => Encoding.UTF8.GetBytes(create() + "\n"), cancellationToken);
        return Encoding.UTF8.GetString(bytes).TrimEnd('\n', '\r');
    }
}
