using System.Reflection;

namespace OwnersVote.Voting.Tests;

public sealed class ArchitectureTests
{
    private static readonly string[] s_forbidden = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http"];

    [Fact]
    public void Voting_references_no_web_database_or_http_assembly()
    {
        AssemblyName[] references = Assembly.Load("OwnersVote.Voting").GetReferencedAssemblies();
        Assert.DoesNotContain(references, r => s_forbidden.Any(f => r.Name!.StartsWith(f, StringComparison.Ordinal)));
    }
}
