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
/// Besides the deployment's, each compound may list witnesses of its own
/// (<c>Witnesses:Compounds:&lt;id&gt;</c>): one log per deployment, so they cosign the same
/// checkpoints; all are asked once per checkpoint, and a receipt of that compound needs both
/// quorums (<see cref="Shortfall(string, byte[])"/>).
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

    private readonly Dictionary<string, CompoundWitnesses> _compounds = new(StringComparer.Ordinal);
    private NoteVerifier? _logKey;

    // The witnesses whose cosignature verified on the last few checkpoints, by their verifier keys:
    // every receipt of a batch asks about the same checkpoint, and opening it verifies every
    // signature on it (Ed25519, one verification each). Kept per checkpoint, not per compound: the
    // round's own question (the deployment's quorum) and each compound's receipts share one entry.
    private readonly Lock _recentLock = new();
    private readonly (byte[] Checkpoint, HashSet<string> Cosigned)?[] _recent = new (byte[], HashSet<string>)?[8];
    private int _recentNext;

    /// <summary>The deployment's witnesses, in configuration order; empty when the log is not witnessed.</summary>
    public IReadOnlyList<PublishedWitness> All { get; private set; } = [];

    /// <summary>k: the deployment's witness cosignatures each checkpoint should carry; 0 when there are none.</summary>
    public int Quorum { get; private set; }

    /// <summary>
    /// The client that asks every witness — the deployment's and every compound's, once each — or
    /// null when there are none. Its own quorum is not the rule: see <see cref="Shortfall(string, byte[])"/>.
    /// </summary>
    public WitnessClient? Client => _client;

    /// <summary>The compounds that have witnesses of their own.</summary>
    public IReadOnlyCollection<string> CompoundsWithWitnesses => _compounds.Keys;

    /// <summary>The demo witness served at <c>/witness/&lt;slug&gt;</c>, or null.</summary>
    public Witness? Local(string slug) => _local.GetValueOrDefault(slug);

    /// <summary>A compound's own witnesses and their quorum (<see cref="CompoundWitnesses.None"/> when it has none).</summary>
    public CompoundWitnesses Of(string compoundId) => _compounds.GetValueOrDefault(compoundId) ?? CompoundWitnesses.None;

    /// <summary>
    /// What a checkpoint lacks before a receipt of <paramref name="compoundId"/> may be given on
    /// it: the deployment's quorum of cosignatures and the compound's own quorum (DESIGN.md §2
    /// "Witnesses": owners' clients require k cosignatures). Null when it has both.
    /// </summary>
    public string? Shortfall(string compoundId, byte[] signedCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(signedCheckpoint);
        CompoundWitnesses own = Of(compoundId);
        if (Quorum == 0 && own.Quorum == 0)
        {
            return null;
        }

        HashSet<string>? cosigned = null;
        lock (_recentLock)
        {
            foreach ((byte[] Checkpoint, HashSet<string> Cosigned)? recent in _recent)
            {
                if (recent is { } r && r.Checkpoint.AsSpan().SequenceEqual(signedCheckpoint))
                {
                    cosigned = r.Cosigned;
                    break;
                }
            }
        }

        if (cosigned is null)
        {
            NoteVerifier logKey = _logKey ?? throw new InvalidOperationException("The witnesses are not open yet.");
            // Every witness once (the client's list), though a compound may list a deployment's
            // witness too: Note.Open refuses a key given twice.
            WitnessClient client = _client ?? throw new InvalidOperationException("No witness is configured.");
            OpenedNote opened = Note.Open(signedCheckpoint, [logKey, .. client.Witnesses.Select(w => w.Key)]);
            cosigned = [.. opened.Signatures.Select(s => s.Verifier).OfType<CosignatureVerifier>().Select(v => v.VerifierKey)];
            Remember(signedCheckpoint, cosigned);
        }

        return Lacking(compoundId, own, cosigned);
    }

    /// <summary>
    /// <see cref="Shortfall(string, byte[])"/> of a checkpoint a round of <see cref="Client"/> just
    /// returned, without opening it again: <see cref="WitnessClient.CollectAsync"/> merged only the
    /// cosignatures it verified with each witness's key, and names them in
    /// <see cref="WitnessedCheckpoint.Cosigners"/>. Remembered for the receipts that ask next. A
    /// note that already carried a cosignature of a witness that did not answer this round (a
    /// receipt's second asking) is opened instead, so that cosignature is verified and counts.
    /// </summary>
    public string? Shortfall(string compoundId, WitnessedCheckpoint witnessed)
    {
        ArgumentNullException.ThrowIfNull(witnessed);
        WitnessClient client = _client ?? throw new InvalidOperationException("No witness is configured.");
        HashSet<string> fresh = new(witnessed.Cosigners, StringComparer.Ordinal);
        IReadOnlyList<NoteSignature> lines = Note.Parse(witnessed.SignedNote).Signatures;
        if (client.Witnesses.Any(w => !fresh.Contains(w.Name) && lines.Any(l => l.IsFrom(w.Key.Name, w.Key.KeyId))))
        {
            return Shortfall(compoundId, witnessed.SignedNote);
        }

        HashSet<string> cosigned = [.. client.Witnesses.Where(w => fresh.Contains(w.Name)).Select(w => w.Key.VerifierKey)];
        Remember(witnessed.SignedNote, cosigned);
        CompoundWitnesses own = Of(compoundId);
        return Quorum == 0 && own.Quorum == 0 ? null : Lacking(compoundId, own, cosigned);
    }

    private void Remember(byte[] signedCheckpoint, HashSet<string> cosigned)
    {
        lock (_recentLock)
        {
            // A copy: the caller's array is not ours to keep.
            _recent[_recentNext] = ([.. signedCheckpoint], cosigned);
            _recentNext = (_recentNext + 1) % _recent.Length;
        }
    }

    // DESIGN.md §2 "Witnesses": the deployment's k and the compound's own k, each counted among the
    // witnesses whose cosignature verified.
    private string? Lacking(string compoundId, CompoundWitnesses own, HashSet<string> cosigned)
    {
        int deployment = All.Count(w => cosigned.Contains(w.Key.VerifierKey));
        int compound = own.Witnesses.Count(w => cosigned.Contains(w.Key.VerifierKey));
        List<string> lacking = [];
        if (deployment < Quorum)
        {
            lacking.Add($"{deployment} of the deployment's {Quorum} required witness cosignatures");
        }

        if (compound < own.Quorum)
        {
            string missing = string.Join(", ", own.Witnesses.Where(w => !cosigned.Contains(w.Key.VerifierKey)).Select(w => w.Name));
            lacking.Add($"{compound} of compound {compoundId}'s {own.Quorum} required witness cosignatures (not cosigned: {missing})");
        }

        return lacking.Count == 0 ? null : string.Join("; ", lacking);
    }

    /// <summary>
    /// Sets the witnesses up for the log of <paramref name="origin"/> signed by
    /// <paramref name="logKey"/>, creating the demo witnesses' keys on first run.
    /// </summary>
    /// <exception cref="InvalidOperationException">The <c>Witnesses</c> section is invalid (a bad key or URL, k out of range).</exception>
    public async Task OpenAsync(string origin, NoteVerifier logKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        _logKey = logKey;
        WitnessesOptions o = options.Value;
        if (o.Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Witnesses:Timeout must be positive, not {o.Timeout}.");
        }

        List<(PublishedWitness Published, WitnessEndpoint Endpoint)> witnesses;
        var http = new HttpWitnessTransport();
        _owned.Add(http);
        IWitnessTransport transport = http;
        if (o.List.Count > 0)
        {
            witnesses = [.. o.List.Select((w, i) => Configured(w, $"Witnesses:List:{i}"))];
        }
        else if (demo.Value.Seed)
        {
            witnesses =
            [
                await DemoAsync(CommitteeSlug, origin, logKey, cancellationToken),
                await DemoAsync(NeighbourhoodSlug, origin, logKey, cancellationToken),
            ];
            transport = new LocalWitnessTransport(witnesses.ToDictionary(w => w.Endpoint.SubmissionPrefix, w => _local[w.Published.Name]), http);
        }
        else
        {
            if (o.Quorum is > 0)
            {
                throw new InvalidOperationException($"Witnesses:Quorum is {o.Quorum} but Witnesses:List is empty.");
            }

            witnesses = [];
        }

        int quorum = o.Quorum ?? witnesses.Count;
        if (witnesses.Count > 0 && (quorum < 1 || quorum > witnesses.Count))
        {
            throw new InvalidOperationException($"Witnesses:Quorum must be from 1 to the number of witnesses ({witnesses.Count}), not {quorum}.");
        }

        // Per-compound witnesses cosign the same checkpoints (one log per deployment); each is
        // asked once, even when a compound lists a deployment witness or another compound's.
        List<WitnessEndpoint> asked = [.. witnesses.Select(w => w.Endpoint)];
        foreach ((string compoundId, CompoundWitnessesOptions own) in o.Compounds)
        {
            string where = $"Witnesses:Compounds:{compoundId}";
            if (own.List.Count == 0)
            {
                throw new InvalidOperationException($"{where}:List is empty.");
            }

            List<(PublishedWitness Published, WitnessEndpoint Endpoint)> listed = [.. own.List.Select((w, i) => Configured(w, $"{where}:List:{i}"))];
            int k = own.Quorum ?? listed.Count;
            if (k < 1 || k > listed.Count)
            {
                throw new InvalidOperationException($"{where}:Quorum must be from 1 to the number of its witnesses ({listed.Count}), not {k}.");
            }

            foreach ((PublishedWitness _, WitnessEndpoint endpoint) in listed)
            {
                if (asked.FirstOrDefault(a => a.Name == endpoint.Name) is { } known)
                {
                    if (known.Key.VerifierKey != endpoint.Key.VerifierKey || known.SubmissionPrefix != endpoint.SubmissionPrefix)
                    {
                        throw new InvalidOperationException($"{where}: witness {endpoint.Name} is configured twice with another key or URL.");
                    }

                    continue;
                }

                asked.Add(endpoint);
            }

            _compounds[compoundId] = new CompoundWitnesses([.. listed.Select(w => w.Published)], k);
        }

        if (asked.Count == 0)
        {
            return;
        }

        try
        {
            // CollectAsync is what the log calls: the quorum passed here is not enforced by it.
            _client = new WitnessClient(transport, asked, Math.Max(quorum, 1), o.Timeout);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Witnesses: {e.Message}", e);
        }

        All = [.. witnesses.Select(w => w.Published)];
        Quorum = witnesses.Count == 0 ? 0 : quorum;
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

    private static (PublishedWitness, WitnessEndpoint) Configured(ConfiguredWitness witness, string where)
    {
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

/// <summary>A compound's own witnesses (<c>Witnesses:Compounds:&lt;id&gt;</c>) and how many must cosign.</summary>
/// <param name="Witnesses">The witnesses, in configuration order.</param>
/// <param name="Quorum">How many of them must cosign before the compound's receipts are given; 0 when none.</param>
public sealed record CompoundWitnesses(IReadOnlyList<PublishedWitness> Witnesses, int Quorum)
{
    /// <summary>No witnesses of its own: the deployment's quorum alone applies.</summary>
    public static CompoundWitnesses None { get; } = new([], 0);
}
