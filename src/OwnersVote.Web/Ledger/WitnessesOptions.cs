namespace OwnersVote.Web.Ledger;

/// <summary>
/// The <c>Witnesses</c> configuration section: the c2sp.org/tlog-witness witnesses asked to cosign
/// each new checkpoint, and how many of them must (DESIGN.md §2 "Witnesses": k of n).
/// </summary>
public sealed class WitnessesOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Witnesses";

    /// <summary>The witnesses (<c>Witnesses:List:0:Url</c>, …). Empty with <c>Demo:Seed</c> true starts the demo's own two.</summary>
    public IList<ConfiguredWitness> List { get; } = [];

    /// <summary>k: the cosignatures a checkpoint should carry; defaults to every witness (n).</summary>
    public int? Quorum { get; set; }

    /// <summary>The time each witness gets per checkpoint, re-proving after a 409 included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Per-compound witnesses (<c>Witnesses:Compounds:&lt;compound id&gt;:List:0:Url</c>, …): asked to
    /// cosign every checkpoint of the deployment's one log, besides the deployment's own; a ballot
    /// receipt of that compound is given only once its quorum cosigned too.
    /// </summary>
    public IDictionary<string, CompoundWitnessesOptions> Compounds { get; } = new Dictionary<string, CompoundWitnessesOptions>(StringComparer.Ordinal);

    /// <summary>Where the demo keeps its witnesses' keys and state; defaults to <c>demo-witnesses</c> beside <c>Log:KeyFile</c>.</summary>
    public string? DemoFolder { get; set; }
}

/// <summary>One configured witness.</summary>
public sealed class ConfiguredWitness
{
    /// <summary>Who runs it, as the public page shows it (e.g. 业委会); defaults to its key name.</summary>
    public string? Name { get; set; }

    /// <summary>The submission prefix: requests go to <c>&lt;Url&gt;/add-checkpoint</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>Its cosignature/v1 verifier key, <c>name+keyid+base64</c> (<c>ov keygen --type cosignature</c>).</summary>
    public string VerifierKey { get; set; } = "";
}

/// <summary>One compound's own witnesses (docs/operations.md "Per-compound witnesses").</summary>
public sealed class CompoundWitnessesOptions
{
    /// <summary>The compound's witnesses, e.g. the one its owners' committee runs with <c>ov witness</c>.</summary>
    public IList<ConfiguredWitness> List { get; } = [];

    /// <summary>How many of them must cosign a checkpoint before the compound's receipts are given; defaults to all.</summary>
    public int? Quorum { get; set; }
}
