namespace OwnersVote.Cli;

/// <summary>The <c>ov</c> command: verify a log and recount, tally, import, keys.</summary>
public static class Program
{
    public static int Main(string[] args) => Ov.Run(args, Console.OpenStandardInput(), Console.Out, Console.Error);
}
