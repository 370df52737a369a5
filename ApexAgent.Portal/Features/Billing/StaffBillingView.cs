using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>One organisation's billing as ApexAgent staff see it: the plan in force, the balance, a page of its documents.</summary>
public sealed record StaffBillingView(
    Guid OrganizationId,
    string Name,
    string? OwnerEmail,
    TierCode Tier,
    string Plan,
    SubscriptionStatus Status,
    BillingPeriod Period,
    bool CancelAtPeriodEnd,
    CollectionMethod CollectionMethod,
    Money? ContractPrice,
    int PaymentTermsDays,
    int EnterpriseMinSeats,
    Money AccountBalance,
    Money AmountDue,
    IReadOnlyList<StaffInvoiceRow> Invoices,
    int InvoiceCount,
    int Page)
{
    public bool IsContract => ContractPrice is not null;

    /// <summary>A contract replaces Free, or a plan that ends at the period end (as <see cref="ContractService"/> requires).</summary>
    public bool CanStartContract => Tier == TierCode.Free || CancelAtPeriodEnd;
}
