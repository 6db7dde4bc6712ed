using Microsoft.Extensions.Options;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;
using OwnersVote.Web.Demo;

namespace OwnersVote.Web.Ledger;

/// <summary>
/// The witnesses this log asks to cosign each checkpoint (DESIGN.md §2 "Witnesses",
/// c2sp.org/tlog-witness): those of the <c>Witnesses</c> section, reached over HTTP; or, for the
/// demo (<c>Demo:Seed</c> with none configured), two witnesses of the demo's own — the owners'
/// committee (业委会) and the residents' committee (居委会) — each with its own cosigner key file and
/// state directory, called in process and also served as real witnesses at
/// <c>/witness/committee/add-checkpoint</c> and <c>/witness/neighbourhood/add-checkpoint</c>.
/// </summary>
/// <remarks>
/// The demo's witnesses are called in process rather than over the app's own URL: the demo is
/// seeded before Kestrel listens, and the address a server is reached at (a proxy, a container's
/// port mapping, a test's random port) is not something it can reliably call itself on. Both paths
/// share one <see cref="Witness"/> and state store, so what the page and <c>ov verify</c> see is
/// what an HTTP client of the witness sees. Running inside the server they prove nothing against
/// its operator; a real compound configures witnesses that others run (<c>ov witness</c>).
/// </remarks>
public sealed class LogWitnesses(
    IOptions<WitnessesOptions> options,
    IOptions<DemoOptions> demo,
    IOptions<LogOptions> log,
    IHostEnvironment environment,
    TimeProvider time) : IAsyncDisposable
{
    /// <summary>The demo's owners' committee (业委会) witness, at <c>/witness/committee</c>.</summary>
    public const string CommitteeSlug = "committee";

    /// <summary>The demo's residents' committee (居委会) witness, at <c>/witness/neighbourhood</c>.</summary>
    public const string NeighbourhoodSlug = "neighbourhood";

    private readonly Dictionary<string, Witness> _local = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _owned = [];
    private WitnessClient? _client;

    /// <summary>The witnesses, in configuration order; empty when the log is not witnessed.</summary>
    public IReadOnlyList<PublishedWitness> All { get; private set; } = [];

    /// <summary>k: the cosignatures each checkpoint should carry; 0 when there are no witnesses.</summary>
    public int Quorum => _client?.Quorum ?? 0;

    /// <summary>The client that asks them, or null when there are none.</summary>
    public WitnessClient? Client => _client;

    /// <summary>The demo witness served at <c>/witness/&lt;slug&gt;</c>, or null.</summary>
    public Witness? Local(string slug) => _local.GetValueOrDefault(slug);

    /// <summary>
    /// Sets the witnesses up for the log of <paramref name="origin"/> signed by
    /// <paramref name="logKey"/>, creating the demo witnesses' keys on first run.
    /// </summary>
    /// <exception cref="InvalidOperationException">The <c>Witnesses</c> section is invalid (a bad key or URL, k out of range).</exception>
    public async Task OpenAsync(string origin, NoteVerifier logKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        WitnessesOptions o = options.Value;
        if (o.Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Witnesses:Timeout must be positive, not {o.Timeout}.");
        }

        List<(PublishedWitness Published, WitnessEndpoint Endpoint)> witnesses;
        IWitnessTransport transport;
        if (o.List.Count > 0)
        {
            witnesses = [.. o.List.Select(Configured)];
            var http = new HttpWitnessTransport();
            _owned.Add(http);
            transport = http;
        }
        else if (demo.Value.Seed)
        {
            witnesses =
            [
                await DemoAsync(CommitteeSlug, origin, logKey, cancellationToken),
                await DemoAsync(NeighbourhoodSlug, origin, logKey, cancellationToken),
            ];
            transport = new LocalWitnessTransport(witnesses.ToDictionary(w => w.Endpoint.SubmissionPrefix, w => _local[w.Published.Name]));
        }
        else
        {
            if (o.Quorum is > 0)
            {
                throw new InvalidOperationException($"Witnesses:Quorum is {o.Quorum} but Witnesses:List is empty.");
            }

            return;
        }

        int quorum = o.Quorum ?? witnesses.Count;
        if (quorum < 1 || quorum > witnesses.Count)
        {
            throw new InvalidOperationException($"Witnesses:Quorum must be from 1 to the number of witnesses ({witnesses.Count}), not {quorum}.");
        }

        try
        {
            _client = new WitnessClient(transport, [.. witnesses.Select(w => w.Endpoint)], quorum, o.Timeout);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Witnesses:List: {e.Message}", e);
        }

        All = [.. witnesses.Select(w => w.Published)];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
        return ValueTask.CompletedTask;
    }

    private static (PublishedWitness, WitnessEndpoint) Configured(ConfiguredWitness witness, int index)
    {
        string where = $"Witnesses:List:{index}";
        if (!Uri.TryCreate(witness.Url, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{where}:Url must be an http(s) URL (the witness's submission prefix), not '{witness.Url}'.");
        }

        CosignatureVerifier key;
        try
        {
            key = CosignatureVerifier.Parse(witness.VerifierKey);
        }
        catch (NoteKeyFormatException e)
        {
            throw new InvalidOperationException($"{where}:VerifierKey is not a cosignature/v1 verifier key: {e.Message}", e);
        }

        string name = witness.Name is { Length: > 0 } given ? given : key.Name;
        return (new PublishedWitness(name, key, url.AbsoluteUri, IsDemo: false), new WitnessEndpoint(url, key));
    }

    private async Task<(PublishedWitness, WitnessEndpoint)> DemoAsync(string slug, string origin, NoteVerifier logKey, CancellationToken cancellationToken)
    {
        string folder = Path.GetFullPath(
            options.Value.DemoFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(log.Value.KeyFile, environment.ContentRootPath))!, "demo-witnesses"),
            environment.ContentRootPath);

        // The key name says whose witness it is: <host>/witness/<slug>, like its address.
        string name = $"{new Uri(log.Value.PublicUrl).Host}/witness/{slug}";
        string signerKey = await SecretFile.ReadOrCreateLineAsync(Path.Combine(folder, slug + ".key"), () => CosignatureSigner.Generate(name).SignerKey, cancellationToken);
        CosignatureSigner signer = CosignatureSigner.Parse(signerKey, time);
        _owned.Add(signer);
        var store = new FileWitnessStateStore(Path.Combine(folder, slug + "-state"));
        _owned.Add(store);

        _local[slug] = new Witness([signer], new Dictionary<string, IReadOnlyList<INoteVerifier>> { [origin] = [logKey] }, store);
        string path = "/witness/" + slug;
        return (new PublishedWitness(slug, signer.Verifier, path, IsDemo: true), new WitnessEndpoint(new Uri(new Uri(log.Value.PublicUrl), path), signer.Verifier));
    }
}
