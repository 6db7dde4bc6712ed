using OwnersVote.Ledger;

namespace OwnersVote.Cli.Commands;

/// <summary>A witness started by <see cref="WitnessCommand.StartAsync"/>; disposing it stops the server and releases its key and state.</summary>
public sealed class RunningWitness : IAsyncDisposable
{
    private readonly CosignatureSigner _signer;
    private readonly FileWitnessStateStore _store;

    internal RunningWitness(WitnessServer server, CosignatureSigner signer, FileWitnessStateStore store)
    {
        Server = server;
        _signer = signer;
        _store = store;
    }

    /// <summary>The HTTP server; its <see cref="WitnessServer.Url"/> is the submission prefix.</summary>
    public WitnessServer Server { get; }

    /// <summary>The witness's cosignature verifier key.</summary>
    public CosignatureVerifier Key => _signer.Verifier;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
        _signer.Dispose();
    }
}
