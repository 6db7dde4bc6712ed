namespace OwnersVote.Ledger;

/// <summary>
/// Delivers an <c>add-checkpoint</c> request to a witness (over HTTP in the shell, in process in
/// tests). Implementations report network failures as <see cref="IOException"/> and honour the
/// cancellation token.
/// </summary>
public interface IWitnessTransport
{
    /// <summary>POSTs the body to <c>&lt;submission prefix&gt;/add-checkpoint</c> and returns the witness's response.</summary>
    /// <exception cref="IOException">The witness could not be reached or the exchange broke off.</exception>
    public Task<WitnessResponse> AddCheckpointAsync(WitnessEndpoint witness, byte[] body, CancellationToken cancellationToken);
}
