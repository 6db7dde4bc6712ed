namespace OwnersVote.Cli.Tests;

/// <summary>Runs <c>ov</c> in process and captures what it prints.</summary>
internal sealed record OvRun(int ExitCode, string Stdout, string Stderr)
{
    public static OvRun Of(params string[] args) => WithStdin([], args);

    /// <summary>Runs <c>ov</c> with <paramref name="stdin"/> as its standard input bytes.</summary>
    public static OvRun WithStdin(byte[] stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        using var input = new MemoryStream(stdin);
        int code = Ov.Run(args, input, stdout, stderr);
        return new OvRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts exit 2, nothing on stdout and exactly one line on stderr without a stack trace; returns that line.</summary>
    public string AssertOneLineBadInput()
    {
        Assert.Equal(2, ExitCode);
        Assert.Equal(string.Empty, Stdout);
        Assert.EndsWith("\n", Stderr, StringComparison.Ordinal);
        Assert.Equal(1, Stderr.Count(c => c == '\n'));
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", Stderr, StringComparison.Ordinal);
        return Stderr.TrimEnd('\n');
    }

    /// <summary>Like <see cref="AssertOneLineBadInput"/> for commands that end their error list
    /// with a count line; returns the single problem line.</summary>
    public string AssertOneLineBadInputWithSummary()
    {
        Assert.Equal(2, ExitCode);
        Assert.Equal(string.Empty, Stdout);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        string[] lines = Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("1 problem(s); nothing written", lines[1], StringComparison.Ordinal);
        return lines[0];
    }
}
