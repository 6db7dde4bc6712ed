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
}
