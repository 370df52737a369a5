using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Demo;

/// <summary>One of the seeded demo logins.</summary>
public sealed record DemoAccount(string Label, string Email, string DisplayName, PlatformRole? Role)
{
    public static readonly DemoAccount PlatformAdmin = new("Platform admin", "admin@apexagent.dev", "Ada Admin", Domain.Accounts.PlatformRole.PlatformAdmin);
    public static readonly DemoAccount Support = new("Support agent", "support@apexagent.dev", "Sam Support", Domain.Accounts.PlatformRole.Support);
    public static readonly DemoAccount ProUser = new("Pro user", "pro@apexagent.dev", "Pat Pro", null);

    public static IReadOnlyList<DemoAccount> All { get; } = [PlatformAdmin, Support, ProUser];
}
