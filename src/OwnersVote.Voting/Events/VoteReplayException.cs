namespace OwnersVote.Voting.Events;

/// <summary>
/// The events given to <see cref="VoteReplay"/> do not form one vote's log: a missing or repeated
/// roll or matter, events of another vote, a supersession of an unknown ballot. A ballot that fails
/// its checks is not this: it is listed as rejected.
/// </summary>
public sealed class VoteReplayException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public VoteReplayException()
        : base("The events do not form one vote's log.")
    {
    }

    /// <summary>Creates the exception naming the entry and the problem.</summary>
    public VoteReplayException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the underlying error.</summary>
    public VoteReplayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
