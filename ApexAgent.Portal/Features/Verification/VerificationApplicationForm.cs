using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>What an organisation owner or admin enters to apply for verification.</summary>
public sealed class VerificationApplicationForm
{
    public AccountType Type { get; set; } = AccountType.Education;

    public string? LegalName { get; set; }

    public string? Website { get; set; }

    public string? Country { get; set; }

    public string? InstitutionType { get; set; }

    public string? OfficialId { get; set; }

    public string? EmailDomain { get; set; }
}
