using OwnersVote.Ledger;

namespace OwnersVote.Web.Ledger;

/// <summary>
/// Delivers <c>add-checkpoint</c> requests to witnesses running inside this process — the demo's
/// 业委会 and 居委会 — by calling their <see cref="Witness"/> directly: the same request bytes, checks
/// and state as over HTTP (<c>/witness/&lt;slug&gt;/add-checkpoint</c>), without depending on the
/// server listening yet or on the address it is reached at. Requests for any other witness (a
/// compound's own, run elsewhere) go to <paramref name="others"/> when given.
/// </summary>
public sealed class LocalWitnessTransport(IReadOnlyDictionary<Uri, Witness> witnesses, IWitnessTransport? others = null) : IWitnessTransport
{
    /// <inheritdoc />
    public Task<WitnessResponse> AddCheckpointAsync(WitnessEndpoint witness, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(witness);
        return witnesses.TryGetValue(witness.SubmissionPrefix, out Witness? local)
            ? local.AddCheckpointAsync(body, cancellationToken)
            : others is not null ? others.AddCheckpointAsync(witness, body, cancellationToken)
            : throw new IOException($"{witness.SubmissionPrefix}: no witness of that name runs in this process");
    }
}
