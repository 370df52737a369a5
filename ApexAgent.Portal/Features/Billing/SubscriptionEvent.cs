using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>One step of an organisation's subscription timeline: who did what, when, from which plan to which, and for how much.</summary>
public sealed class SubscriptionEvent
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid SubscriptionId { get; set; }

    public DateTimeOffset At { get; set; }

    public SubscriptionChangeKind Kind { get; set; }

    /// <summary>The tier after the change.</summary>
    public TierCode Tier { get; set; }

    /// <summary>The person who made the change; null for the billing engine itself.</summary>
    public string? ActorUserId { get; set; }

    public string ActorName { get; set; } = "ApexAgent billing";

    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>Monthly recurring revenue before and after, in minor units (the analytics replay these).</summary>
    public long MrrBeforeMinor { get; set; }

    public long MrrAfterMinor { get; set; }

    /// <summary>What was invoiced (or credited, negative) for the change, if anything.</summary>
    public long? AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    public Guid? InvoiceId { get; set; }

    public string? Note { get; set; }
}
