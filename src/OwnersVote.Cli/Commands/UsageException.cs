namespace OwnersVote.Cli.Commands;

/// <summary>A command line that cannot be run: a missing, unknown or repeated option.
/// Reported as one line on stderr with exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
