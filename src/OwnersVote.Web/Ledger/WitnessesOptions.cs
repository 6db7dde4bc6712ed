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
