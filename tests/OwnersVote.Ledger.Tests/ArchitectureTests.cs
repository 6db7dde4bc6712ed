using System.Reflection;

namespace OwnersVote.Ledger.Tests;

public sealed class ArchitectureTests
{
    private static readonly string[] s_forbidden = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http"];

    [Fact]
    public void Ledger_references_no_web_database_or_http_assembly()
    {
        AssemblyName[] references = typeof(Hash).Assembly.GetReferencedAssemblies();
        Assert.DoesNotContain(references, r => s_forbidden.Any(f => r.Name!.StartsWith(f, StringComparison.Ordinal)));
    }
}
