using System.Globalization;

namespace OwnersVote.LoadTest;

/// <summary>The command line of every mode, each value bounded.</summary>
internal sealed record Settings(int Owners, int Concurrency, int Seconds, int Kills, string Provider, string? Connection, string? Data)
{
    /// <summary><c>cluster</c>: how many web nodes share the PostgreSQL database.</summary>
    public int Nodes { get; init; } = 3;

    /// <summary><c>cluster</c>: kill the sequencer's node with SIGKILL while ballots arrive (<c>--kill-leader yes</c>).</summary>
    public bool KillLeader { get; init; }

    /// <summary>
    /// <c>load</c>, <c>ceiling</c>: ballots each owner signs before the clock (the vote allows
    /// changes); null when not given, so a mode can size the supply to its rate.
    /// </summary>
    public int? BallotsPerOwner { get; init; }

    /// <summary><c>load</c>, <c>ceiling</c>: seconds of casting before the window, so the JIT has tiered up.</summary>
    public int Warmup { get; init; } = 10;

    /// <summary>
    /// <c>load</c>, <c>ceiling</c>: ballots per second offered on a fixed schedule (open loop,
    /// <see cref="OpenLoop"/>), or null for <c>--concurrency</c> clients casting as fast as they can.
    /// </summary>
    public int? Rate { get; init; }

    /// <summary>
    /// <c>load</c>: owners per synthetic compound (<c>Demo:Synthetic:OwnersPerCompound</c>), or null
    /// for the server's default of 250; e.g. 2,000 for one large compound's deadline evening.
    /// </summary>
    public int? CompoundSize { get; init; }

    public static Settings? Parse(string[] args, int owners, int seconds = 60, int warmup = 10)
    {
        var s = new Settings(owners, 64, seconds, 20, "Sqlite", null, null) { Warmup = warmup };
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string v = args[i + 1];
            s = args[i] switch
            {
                "--owners" when Int(v, 1, 100_000) is int n => s with { Owners = n },
                "--concurrency" when Int(v, 1, 4_096) is int n => s with { Concurrency = n },
                "--seconds" when Int(v, 1, 600) is int n => s with { Seconds = n },
                "--kills" when Int(v, 1, 200) is int n => s with { Kills = n },
                "--provider" when v is "Sqlite" or "Postgres" => s with { Provider = v },
                "--connection" => s with { Connection = v },
                "--data" => s with { Data = v },
                "--nodes" when Int(v, 1, 8) is int n => s with { Nodes = n },
                "--warmup" when Int(v, 0, 600) is int n => s with { Warmup = n },
                "--ballots-per-owner" when Int(v, 1, 1_000) is int n => s with { BallotsPerOwner = n },
                "--rate" when Int(v, 1, 100_000) is int n => s with { Rate = n },
                "--compound-size" when Int(v, 1, 100_000) is int n => s with { CompoundSize = n },
                "--kill-leader" when v is "yes" or "no" => s with { KillLeader = v == "yes" },
                _ => null,
            };
            if (s is null)
            {
                Console.Error.WriteLine($"bad option {args[i]} {v}");
                return null;
            }
        }

        return args.Length % 2 == 0 && (s.Provider == "Sqlite" || s.Connection is not null) ? s : null;
    }

    /// <summary>
    /// Ballots each owner pre-signs: <c>--ballots-per-owner</c> if given, else enough for
    /// <paramref name="perSecond"/> ballots/s through the warm-up and the window (at least one).
    /// </summary>
    public int BallotsPerOwnerFor(int perSecond) =>
        BallotsPerOwner ?? (int)Math.Clamp(((long)perSecond * (Warmup + Seconds) + Owners - 1) / Owners, 1, 1_000);

    private static int? Int(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max ? n : null;
}
