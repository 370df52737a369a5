using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>
/// Tells the staff who operate billing (<see cref="Permission.BillingOperate"/>) that a customer disputed a payment —
/// amount, organisation, reason and the date by which the processor wants evidence — and how the dispute ended. Staged
/// in the webhook's transaction, once per dispute (ADR 0025).
/// </summary>
public sealed class DisputeAlerts(StaffNotices staff)
{
    public const string Link = "/admin/billing/webhooks#disputes";

    public async Task OpenedAsync(PortalDbContext db, PaymentDispute dispute, Invoice invoice, DateTimeOffset? respondBy, CancellationToken ct)
    {
        var organization = await NameAsync(db, dispute.OrganizationId, ct);
        var due = respondBy is { } at
            ? $"Respond by {at.UtcDateTime.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} UTC in {ProcessorName(dispute.Processor)}'s dashboard."
            : $"No respond-by date came with it: check {ProcessorName(dispute.Processor)}'s dashboard.";
        await staff.StageAsync(db, Permission.BillingOperate, new BillingNotice(
            "staff.dispute_opened",
            $"dispute_opened:{dispute.Id:N}",
            $"Dispute: {dispute.Amount.Format()} from {organization}",
            $"{organization} disputed {dispute.Amount.Format()} of invoice {invoice.Number} with their bank ({Reason(dispute)}). {due} Dispute {dispute.ProcessorDisputeId}.",
            Link), ct);
    }

    public async Task ClosedAsync(PortalDbContext db, PaymentDispute dispute, Invoice invoice, CancellationToken ct)
    {
        var organization = await NameAsync(db, dispute.OrganizationId, ct);
        var won = dispute.Status == DisputeStatus.Won;
        await staff.StageAsync(db, Permission.BillingOperate, new BillingNotice(
            "staff.dispute_closed",
            $"dispute_closed:{dispute.Id:N}",
            won ? $"Dispute won: {dispute.Amount.Format()} from {organization}" : $"Dispute lost: {dispute.Amount.Format()} from {organization}",
            won
                ? $"The dispute of {dispute.Amount.Format()} on invoice {invoice.Number} ({Reason(dispute)}) was closed in our favour: the payment stands. Dispute {dispute.ProcessorDisputeId}."
                : $"The bank returned {dispute.Amount.Format()} of invoice {invoice.Number} to {organization} ({Reason(dispute)}); the amount was written off with a credit note. Dispute {dispute.ProcessorDisputeId}.",
            Link), ct);
    }

    private static string Reason(PaymentDispute dispute) => dispute.Reason.Replace('_', ' ');

    private static string ProcessorName(string processor) => processor switch
    {
        "stripe" => "Stripe",
        "paypal" => "PayPal",
        _ => processor,
    };

    private static async Task<string> NameAsync(PortalDbContext db, Guid organizationId, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).FirstOrDefaultAsync(ct) is { Length: > 0 } name ? name : "An organisation";
}
