namespace OwnersVote.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public void Unknown_command_exits_2_with_a_message_and_no_stack_trace()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Ov.Run(["frobnicate"], TextReader.Null, stdout, stderr);
        Assert.Equal(2, code);
        Assert.Contains("unknown command 'frobnicate'", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_verify_witness_and_the_keygen_type()
    {
        OvRun run = OvRun.Of("help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("verify       URL-or-DIR [--key VERIFIERKEY] [--witness-key K]... [--min-cosigs k]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("witness      --port P --key COSIGNERFILE [--state DIR] [--log ORIGIN=VERIFIERKEY]...", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("keygen       [--type note|cosignature] --name NAME --out FILE", run.Stdout, StringComparison.Ordinal);
    }
}
