using System.Text;

namespace ApexAgent.Portal.Features.Demo;

public sealed record DemoSeedResult(IReadOnlyList<DemoAccount> Accounts, string Password, IReadOnlyList<(string Label, string Secret)> Keys)
{
    /// <summary>The banner printed at start: demo logins and the freshly issued demo keys.</summary>
    public string Describe(IEnumerable<string> urls)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("==================== ApexAgent Portal (demo data) ====================");
        foreach (var url in urls)
        {
            text.AppendLine($"  Open            {url}");
        }

        text.AppendLine($"  Password        {Password}   (for every demo login)");
        foreach (var account in Accounts)
        {
            text.AppendLine($"  {account.Label,-15} {account.Email}");
        }

        foreach (var (label, secret) in Keys)
        {
            text.AppendLine($"  {label,-25} {secret}");
        }

        text.AppendLine("  Try it:  curl -H \"Authorization: Bearer <key>\" <url>/api/v1/me");
        text.AppendLine("  Demo keys are reissued (and the old ones revoked) at every start.");
        text.AppendLine("=======================================================================");
        return text.ToString();
    }
}
