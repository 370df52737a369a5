using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using MudBlazor;

namespace ApexAgent.Portal.Features.Billing.Components;

/// <summary>How billing states read and look on the pages (chip text and colour).</summary>
public static class BillingLabels
{
    public static string Of(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.PastDue => "Past due",
        SubscriptionStatus.Incomplete => "Incomplete",
        SubscriptionStatus.Canceled => "Canceled",
        _ => "Active",
    };

    public static Color ColorOf(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Active => Color.Success,
        SubscriptionStatus.PastDue => Color.Error,
        SubscriptionStatus.Incomplete => Color.Warning,
        _ => Color.Default,
    };

    public static string Of(InvoiceStatus status) => status.ToString();

    public static Color ColorOf(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => Color.Success,
        InvoiceStatus.Open => Color.Info,
        InvoiceStatus.Uncollectible => Color.Error,
        _ => Color.Default,
    };

    public static string Of(PaymentStatus status) => status switch
    {
        PaymentStatus.RequiresAction => "Needs action",
        _ => status.ToString(),
    };

    public static Color ColorOf(PaymentStatus status) => status switch
    {
        PaymentStatus.Succeeded => Color.Success,
        PaymentStatus.Failed => Color.Error,
        PaymentStatus.RequiresAction => Color.Warning,
        _ => Color.Info,
    };

    public static string Of(SubscriptionChangeKind kind) => kind switch
    {
        SubscriptionChangeKind.SeatsChanged => "Seats changed",
        SubscriptionChangeKind.CycleChanged => "Billing cycle changed",
        SubscriptionChangeKind.PastDue => "Past due",
        SubscriptionChangeKind.FellBackToFree => "Moved to Free",
        SubscriptionChangeKind.CancellationScheduled => "Cancellation scheduled",
        SubscriptionChangeKind.ChangeScheduled => "Change scheduled",
        SubscriptionChangeKind.ContractStarted => "Contract started",
        _ => kind.ToString(),
    };

    /// <summary>Base credits as people count them: whole credits with thousands separators and a sign.</summary>
    public static string Credits(Millicredits change) =>
        (change.Value > 0 ? "+" : change.Value < 0 ? "−" : "") + Math.Abs(change.Credits).ToString("#,##0.###", System.Globalization.CultureInfo.GetCultureInfo("en-US")) + " credits";
}
