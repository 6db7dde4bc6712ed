namespace OwnersVote.Cli.Commands;

/// <summary>Reading an input file for a command, turning I/O failures into one-line usage errors.</summary>
public static class InputFile
{
    /// <summary>All bytes of <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The file cannot be read (missing, a directory, no permission).</exception>
    public static byte[] ReadAllBytes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The expected ways a named file cannot be read; the message names the file.
            throw new UsageException($"cannot read {path}: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>A message folded onto one line.</summary>
    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ReplaceLineEndings(" ").Trim();
    }
}
