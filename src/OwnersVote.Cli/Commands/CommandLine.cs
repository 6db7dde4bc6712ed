namespace OwnersVote.Cli.Commands;

/// <summary>
/// The parsed arguments of one sub-command: <c>--name value</c> options (some repeatable) and
/// positional arguments. Strict: an unknown option, a missing value or a repeated single option
/// is a <see cref="UsageException"/>.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options;

    private CommandLine(Dictionary<string, List<string>> options, List<string> positional)
    {
        _options = options;
        Positional = positional;
    }

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>, accepting the listed options (each takes a value).</summary>
    /// <exception cref="UsageException">Unknown option, missing value, or a single option given twice.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> single, IReadOnlyCollection<string> repeatable)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(single);
        ArgumentNullException.ThrowIfNull(repeatable);
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            if (!single.Contains(arg) && !repeatable.Contains(arg))
            {
                throw new UsageException($"unknown option '{arg}'");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"option '{arg}' needs a value");
            }

            if (!options.TryGetValue(arg, out List<string>? values))
            {
                values = [];
                options.Add(arg, values);
            }
            else if (single.Contains(arg))
            {
                throw new UsageException($"option '{arg}' given more than once");
            }

            values.Add(args[++i]);
        }

        return new CommandLine(options, positional);
    }

    /// <summary>The value of a required option.</summary>
    /// <exception cref="UsageException">The option is missing.</exception>
    public string Required(string option) =>
        _options.TryGetValue(option, out List<string>? values) ? values[0] : throw new UsageException($"missing option '{option}'");

    /// <summary>The value of an optional option, or null.</summary>
    public string? Optional(string option) =>
        _options.TryGetValue(option, out List<string>? values) ? values[0] : null;

    /// <summary>Every value of a repeatable option, in order (empty if none).</summary>
    public IReadOnlyList<string> All(string option) =>
        _options.TryGetValue(option, out List<string>? values) ? values : [];
}
