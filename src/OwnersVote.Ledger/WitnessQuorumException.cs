namespace OwnersVote.Ledger;

/// <summary>Fewer than the required number of witnesses cosigned a checkpoint.</summary>
public sealed class WitnessQuorumException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WitnessQuorumException()
    {
        Failures = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public WitnessQuorumException(string message)
        : base(message)
    {
        Failures = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WitnessQuorumException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    /// <summary>Creates the exception for a quorum that was not met.</summary>
    public WitnessQuorumException(int required, int cosigned, IReadOnlyList<WitnessFailure> failures)
        : base($"Only {cosigned} of the required {required} witnesses cosigned the checkpoint; {string.Join("; ", failures ?? [])}.")
    {
        ArgumentNullException.ThrowIfNull(failures);
        Required = required;
        Cosigned = cosigned;
        Failures = failures;
    }

    /// <summary>How many cosignatures were required.</summary>
    public int Required { get; }

    /// <summary>How many verified cosignatures were obtained.</summary>
    public int Cosigned { get; }

    /// <summary>Each witness that failed, and why.</summary>
    public IReadOnlyList<WitnessFailure> Failures { get; }
}
