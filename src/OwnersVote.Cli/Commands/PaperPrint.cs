using System.Globalization;
using OwnersVote.Ledger;
using OwnersVote.Paper;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Features.Paper;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov paper print --vote ID --out ballots.pdf --data DIR [--key VERIFIERKEY]</c>: one ballot
/// page for every headcount principal (JI art. 9) of the vote's frozen roll, within the matter's
/// scope (Shanghai art. 69), who has no <c>BallotCast</c> in the log yet.
/// <para>
/// The data directory is the server's: the log in <c>DIR/log</c> (c2sp.org/tlog-tiles) is
/// audited in full (checkpoint signature, every tile and entry bundle, every other file) before
/// anything is printed; its verifier key is <c>--key</c> or derived from the signer key in
/// <c>DIR/log.key</c>. The vote's ballot key (<see cref="BallotKey"/>, the QR MAC key) is
/// <c>DIR/paper/&lt;vote&gt;.key</c>, one line of lowercase hex, created on first use with mode
/// 0600 and reused afterwards, so every printing of a vote shares one key and
/// <c>ov paper scan --key</c> takes that line.
/// </para>
/// <para>
/// An owner with several units gets one page (one vote, JI art. 9) naming all of them, with the
/// QR carrying the first unit id and the summed area printed. Serials are 10 random base32
/// characters, so reprinting issues new serials; voiding the earlier ones is the server's
/// <c>PaperBallotIssued</c>. The n-th row on paper is the matter's n-th question in the order
/// of <c>MatterPublished</c>.
/// </para>
/// </summary>
public static class PaperPrint
{
    private static readonly string[] s_single = ["--vote", "--out", "--data", "--key"];

    /// <summary>Runs the command: 0 printed, 1 the log failed its audit, 2 bad usage or data.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        CommandLine line = CommandLine.Parse(args, s_single, []);
        if (line.Positional.Count > 0)
        {
            throw new UsageException($"unexpected argument '{line.Positional[0]}'");
        }

        string vote = line.Required("--vote");
        string output = line.Required("--out");
        string data = line.Required("--data");
        string logDir = Path.Combine(data, "log");
        if (!Directory.Exists(logDir))
        {
            throw new UsageException($"{logDir}: no log directory");
        }

        INoteVerifier logKey = line.Optional("--key") is string k ? KeyFile.ReadVerifier(k, cosignature: false) : DerivedVerifier(data);
        var entries = new List<byte[]>();
        try
        {
            AuditedLog audited = LogAuditor.AuditAsync(new FileTileStore(logDir), logKey, [], 0, (_, e) => entries.Add(e.ToArray()), CancellationToken.None)
                .GetAwaiter().GetResult();
            LogDirectory.CheckFilesAsync(logDir, audited.Checkpoint.Checkpoint.Size, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (LogVerificationException e)
        {
            throw new PaperLogException($"{logDir}: {e.Message}", e);
        }

        (BallotMatter matter, List<BallotSheet> sheets, int voted) = Plan(vote, entries);
        BallotKey key = ReadOrCreateKey(data, vote);
        if (sheets.Count == 0)
        {
            throw new UsageException($"vote {vote}: every principal on the roll has voted online; nothing to print");
        }

        PaperCommand.WritePdf(output, stream => BallotRenderer.Render(matter, sheets, key, stream));
        stdout.WriteLine($"wrote {output}: {sheets.Count.ToString(CultureInfo.InvariantCulture)} ballot(s) for vote {vote}; {voted.ToString(CultureInfo.InvariantCulture)} principal(s) already voted online");
        return Ov.Ok;
    }

    /// <summary>The matter and one sheet per principal without a <c>BallotCast</c>; and how many have one.</summary>
    internal static (BallotMatter Matter, List<BallotSheet> Sheets, int Voted) Plan(string vote, IReadOnlyList<byte[]> entries)
    {
        RollFrozen? roll = null;
        var parts = new RollAssembly();
        MatterPublished? matter = null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var cast = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            LedgerEvent e;
            try
            {
                e = EventCodec.Decode(entries[i]);
            }
            catch (EventFormatException ex)
            {
                throw new UsageException($"entry {i}: not an event this software reads: {ex.Message}", ex);
            }

            switch (e)
            {
                case CompoundRegistered c:
                    names[c.Compound] = c.Name;
                    break;
                case RollFrozen r when r.Vote == vote:
                    try
                    {
                        // A large roll is logged in parts (RollFrozen.Split): joined in log order.
                        roll = parts.Add(r) ?? roll;
                    }
                    catch (InvalidOperationException ex)
                    {
                        throw new UsageException($"entry {i}: {ex.Message}", ex);
                    }

                    break;
                case MatterPublished m when m.Vote == vote:
                    matter = m;
                    break;
                case BallotCast b when b.Vote == vote:
                    cast.Add(b.Ballot.Principal);
                    break;
            }
        }

        if (parts.Incomplete)
        {
            throw new UsageException($"vote {vote}: the log has only {parts.Received} of the {parts.Expected} parts of its RollFrozen");
        }

        if (roll is null || matter is null)
        {
            throw new UsageException($"vote {vote}: the log has no {(roll is null ? "RollFrozen" : "MatterPublished")} for it");
        }

        if (matter.Questions.Count > BallotLayout.MaxQuestions)
        {
            throw new UsageException($"vote {vote}: {matter.Questions.Count} questions; a paper ballot holds {BallotLayout.MaxQuestions}");
        }

        // One sheet per principal in scope who has not voted online (shared with the web's print page).
        (IReadOnlyList<PlannedSheet> planned, int voted) = BallotPlan.ForVote(
            vote,
            roll.Units.Select(u => new SheetUnit(u.Unit.Value, u.Building.Value, u.Area, u.Principal.Value)),
            [.. matter.Scope.Select(b => b.Value)],
            cast);
        List<BallotSheet> sheets = [.. planned.Select(p => p.Sheet)];

        string compound = names.TryGetValue(roll.Compound, out string? name) ? name : roll.Compound;
        var ballotMatter = new BallotMatter(compound, matter.Title, matter.Text, null, [.. matter.Questions.Select(q => q.Text)]);
        return (ballotMatter, sheets, voted);
    }

    /// <summary>The vote's ballot key file: <c>DATA/paper/&lt;vote&gt;.key</c> (<see cref="BallotKeyFile"/>).</summary>
    public static string KeyPath(string data, string vote)
    {
        try
        {
            return BallotKeyFile.PathFor(data, vote);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static BallotKey ReadOrCreateKey(string data, string vote)
    {
        string path = KeyPath(data, vote);
        try
        {
            return BallotKeyFile.ReadOrCreateAsync(path, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static NoteVerifier DerivedVerifier(string data)
    {
        string path = Path.Combine(data, "log.key");
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no log key; give the log's verifier key with --key");
        }

        using NoteSigner signer = KeyFile.ReadSigner(path);
        return signer.Verifier;
    }
}

/// <summary>The log in the data directory failed its audit; nothing was printed.</summary>
public sealed class PaperLogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PaperLogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
