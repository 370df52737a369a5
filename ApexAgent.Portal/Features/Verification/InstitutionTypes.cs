using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>The kinds of institution that can be verified, by account type.</summary>
public static class InstitutionTypes
{
    public static IReadOnlyList<string> For(AccountType type) => type switch
    {
        AccountType.Education => ["Accredited university or college", "Community college", "Primary or secondary school", "School district"],
        AccountType.Healthcare => ["Licensed healthcare provider", "Hospital or health system", "Clinic or practice", "Public health agency"],
        _ => [],
    };
}
