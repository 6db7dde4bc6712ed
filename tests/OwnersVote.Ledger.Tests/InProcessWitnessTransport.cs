namespace OwnersVote.Ledger.Tests;

/// <summary>
/// Delivers requests to real <see cref="Witness"/> objects in process, by submission prefix. A
/// witness may be marked unreachable (an <see cref="IOException"/>, as a refused connection) or
/// hanging (never answers until cancelled), the network conditions a client must survive.
/// </summary>
internal sealed class InProcessWitnessTransport : IWitnessTransport
{
    private readonly Dictionary<Uri, Witness> _witnesses = [];

    public HashSet<Uri> Unreachable { get; } = [];

    public HashSet<Uri> Hanging { get; } = [];

    public List<(Uri Witness, long OldSize)> Requests { get; } = [];

    public void Add(Uri prefix, Witness witness) => _witnesses.Add(prefix, witness);

    public async Task<WitnessResponse> AddCheckpointAsync(WitnessEndpoint witness, byte[] body, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add((witness.SubmissionPrefix, AddCheckpointRequest.Parse(body).OldSize));
        }

        if (Unreachable.Contains(witness.SubmissionPrefix))
        {
            throw new IOException("Connection refused");
        }

        if (Hanging.Contains(witness.SubmissionPrefix))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return await _witnesses[witness.SubmissionPrefix].AddCheckpointAsync(body, cancellationToken);
    }
}
