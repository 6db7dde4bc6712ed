using System.Text;

namespace OwnersVote.Web.Demo;

/// <summary>The console banner that tells a person how to try the demo.</summary>
public static class DemoAccounts
{
    /// <summary>The banner text for the given accounts.</summary>
    public static string Banner(IReadOnlyList<DemoAccount> accounts, string url)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("================================================================");
        text.AppendLine($" OwnersVote demo: 景城品雅苑 at {url}");
        text.AppendLine(" Open the address in a browser (a phone-sized window works best).");
        text.AppendLine($" Sign in at {url}/signin with a one-time invitation code (each");
        text.AppendLine(" works once, within 90 days of seeding), then set up a passkey:");
        foreach (DemoAccount a in accounts)
        {
            text.AppendLine($"   {a.InvitationCode}  {a.Description}");
        }

        text.AppendLine(" Results are public: no sign-in needed to read them.");
        text.AppendLine("================================================================");
        return text.ToString();
    }
}
