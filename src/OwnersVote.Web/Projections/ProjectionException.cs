namespace OwnersVote.Web.Projections;

/// <summary>A log event cannot be applied to the projections (it contradicts an earlier one): the log or the sequencer is broken.</summary>
public sealed class ProjectionException : Exception
{
    public ProjectionException()
    {
    }

    public ProjectionException(string message)
        : base(message)
    {
    }

    public ProjectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
