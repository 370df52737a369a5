using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Account;

/// <summary>Who a person is and what their organisation is on, as read on almost every request.</summary>
public sealed record AccountSnapshot(
    string UserId,
    string Email,
    string DisplayName,
    bool EmailConfirmed,
    string TimeZone,
    string? Country,
    Guid OrganizationId,
    string OrganizationName,
    OrganizationKind OrganizationKind,
    TierCode Tier,
    int TierVersion,
    BillingCycle Cycle,
    int Seats,
    SubscriptionStatus Status,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset BillingAnchor)
{
    /// <summary>The first billing period, the one the first-period bonus belongs to.</summary>
    public bool InFirstPeriod => PeriodStart == BillingAnchor;
}
