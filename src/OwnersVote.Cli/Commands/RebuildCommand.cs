using System.Globalization;
using OwnersVote.Ledger;
using OwnersVote.Web.Data;
using OwnersVote.Web.Projections;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov rebuild [--data DIR] [--provider sqlite|postgres] [--connection STR] [--log DIR] [--log-key FILE]</c>:
/// drops the server's projection tables and rebuilds them from the log (DESIGN.md §2: the log is
/// the source of truth, tables are rebuildable projections). <c>--data DIR</c> names run.sh's
/// layout: <c>DIR/ownersvote.db</c>, <c>DIR/log</c>, <c>DIR/log.key</c>; the other options override
/// it. Run it with the server stopped.
/// </summary>
public static class RebuildCommand
{
    private static readonly string[] s_single = ["--data", "--provider", "--connection", "--log", "--log-key"];

    /// <summary>Runs the command: 0 rebuilt, 1 the log does not verify or cannot be projected, 2 bad usage.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            CommandLine line = CommandLine.Parse(args, s_single, []);
            if (line.Positional.Count > 0)
            {
                throw new UsageException($"unexpected argument '{line.Positional[0]}'");
            }

            string? data = line.Optional("--data");
            DatabaseProvider provider = (line.Optional("--provider") ?? "sqlite") switch
            {
                "sqlite" => DatabaseProvider.Sqlite,
                "postgres" => DatabaseProvider.Postgres,
                string other => throw new UsageException($"--provider must be sqlite or postgres, not '{other}'"),
            };
            string connection = line.Optional("--connection")
                ?? (data is not null && provider == DatabaseProvider.Sqlite ? $"Data Source={Path.GetFullPath(Path.Combine(data, "ownersvote.db"))}" : null)
                ?? throw new UsageException("give --connection (or --data DIR for the SQLite file DIR/ownersvote.db)");
            string log = line.Optional("--log") ?? (data is not null ? Path.Combine(data, "log") : null)
                ?? throw new UsageException("give --log DIR (or --data DIR)");
            string key = line.Optional("--log-key") ?? (data is not null ? Path.Combine(data, "log.key") : null)
                ?? throw new UsageException("give --log-key FILE (or --data DIR)");
            if (!Directory.Exists(log))
            {
                throw new UsageException($"{log}: no such log directory");
            }

            var options = new ProjectionRebuildOptions(provider, connection, Path.GetFullPath(log), Path.GetFullPath(key));
            ProjectionRebuildOutcome outcome = ProjectionRebuild.RunAsync(options, CancellationToken.None).GetAwaiter().GetResult();
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"rebuilt from {outcome.Entries} log entries: {outcome.Votes} votes, {outcome.Ballots} ballots; {outcome.Invitations} invitations kept"));
            return Ov.Ok;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"ov rebuild: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
        catch (FileNotFoundException e)
        {
            stderr.WriteLine($"ov rebuild: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
        catch (Exception e) when (e is LogVerificationException or LogStorageException or ProjectionException or IOException)
        {
            stderr.WriteLine($"ov rebuild: {InputFile.OneLine(e.Message)}");
            return Ov.CheckFailed;
        }
    }
}
