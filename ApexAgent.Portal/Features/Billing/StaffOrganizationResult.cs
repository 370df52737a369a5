using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>An organisation as staff find it: its owner and the plan in force.</summary>
public sealed record StaffOrganizationResult(
    Guid OrganizationId,
    string Name,
    string? OwnerEmail,
    TierCode Tier,
    SubscriptionStatus Status,
    CollectionMethod CollectionMethod,
    bool IsContract,
    bool CancelAtPeriodEnd);
