using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing.Pricing;

/// <summary>
/// One step after a draft's priced lines (plan, seats, prorations, packs): a discount or the tax. Steps run in
/// <see cref="Order"/> (account type 100, volume 200, discount code 300, tax 900); each sees the lines the steps before it
/// added. A renewal batch loads every step's data once for all its organisations (<see cref="LoadAsync"/>), then applies
/// each draft without touching the database — keep it that way: 100,000 renewals must stay under two minutes.
/// </summary>
public interface IInvoicePricingStep
{
    int Order { get; }

    /// <summary>Reads what the step needs for <see cref="PricingBatch.OrganizationIds"/> into the batch (one query or a few, never one per organisation).</summary>
    Task LoadAsync(PricingBatch batch, CancellationToken ct);

    /// <summary>Adds the step's lines to the draft; returns an error only to refuse what the customer asked for (an unusable code).</summary>
    Error? Apply(Invoice draft, PricingRequest request, PricingBatch batch);
}
