using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>What staff see of one organisation's credits: its balance, its overdraft allowance and its newest grants.</summary>
public sealed record StaffCreditsView(Guid OrganizationId, string Name, string TimeZone, CreditBalance Balance, Millicredits OverdraftAllowance, IReadOnlyList<Grant> Grants);
