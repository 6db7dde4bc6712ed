namespace OwnersVote.Web.Demo;

/// <summary>The <c>Demo</c> configuration section.</summary>
public sealed class DemoOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Demo";

    /// <summary>Seed the demo compound into an empty projection store at startup.</summary>
    public bool Seed { get; set; }

    /// <summary>
    /// Also seed the second, small demo compound 清溪花园 (<see cref="SecondDemoCompound"/>), to try
    /// and test that one compound's people see nothing personal of another's (DESIGN.md §3).
    /// </summary>
    public bool SecondCompound { get; set; }

    /// <summary>Print the demo accounts and their invitation codes to standard output at startup.</summary>
    public bool PrintAccounts { get; set; }

    /// <summary>The folder with the demo's <c>roll.csv</c> and <c>ballots-57-lift.csv</c>; defaults to <c>demo/</c> beside the app (copied from samples/jingcheng).</summary>
    public string? SampleFolder { get; set; }

    /// <summary>
    /// The origins the demo compound's voting pages are served from (CompoundRegistered: ballots
    /// are signed for them); <see cref="PublicUrl"/> is always one.
    /// </summary>
    public IList<string> Origins { get; } = [];

    /// <summary>The demo compound's secret owner-hash key (OwnerKey), 32 random bytes made on first run, mode 0600; relative to the content root.</summary>
    public string CompoundKeyFile { get; set; } = "data/demo-compound.key";

    /// <summary>The address printed in the banner.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";
}
