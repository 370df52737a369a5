using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>One step of the subscription's timeline: who did what and when, from which plan to which, for how much.</summary>
public sealed record TimelineEntryResponse(
    Guid Id,
    DateTimeOffset At,
    SubscriptionChangeKind Kind,
    TierCode Tier,
    string Who,
    string? From,
    string? To,
    ApiMoney? Amount,
    Guid? InvoiceId,
    string? Note)
{
    public static TimelineEntryResponse Of(SubscriptionEvent e) => new(
        e.Id, e.At, e.Kind, e.Tier, e.ActorName, e.From, e.To,
        e.AmountMinor is { } amount ? ApiMoney.From(new Money(amount, Currency.FromCode(e.CurrencyCode))) : null,
        e.InvoiceId, e.Note);
}
