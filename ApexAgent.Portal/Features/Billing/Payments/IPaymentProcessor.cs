using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// A payment processor (the built-in sandbox, Stripe, PayPal). Card data never reaches the portal: the browser hands
/// the processor's token to <see cref="SavePaymentMethodAsync"/>. Every charge and refund carries an idempotency key
/// derived from what is paid, so asking twice moves money once; outcomes may be asynchronous (pending, requires action)
/// or unknown (a timeout), and <see cref="FindChargeAsync"/> reconciles them without charging again.
/// </summary>
public interface IPaymentProcessor
{
    /// <summary><c>sandbox</c>, <c>stripe</c> or <c>paypal</c>; stored with customers, methods and payments.</summary>
    string Name { get; }

    /// <summary>Creates (or finds, by organisation) the processor's customer and returns its id.</summary>
    Task<string> EnsureCustomerAsync(ProcessorCustomer customer, CancellationToken ct);

    /// <summary>Attaches a method the processor tokenised in the browser to the customer.</summary>
    Task<Result<SavedPaymentMethod>> SavePaymentMethodAsync(string customerId, string token, CancellationToken ct);

    Task DetachPaymentMethodAsync(string customerId, string methodToken, CancellationToken ct);

    /// <summary>Charges a saved method, off-session unless the customer is present.</summary>
    Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct);

    /// <summary>
    /// Charges several saved methods; the outcomes come back in the order of the requests. Processors that can do
    /// better than one call after another (a local ledger, concurrent HTTP requests) override this.
    /// </summary>
    async Task<IReadOnlyList<ChargeOutcome>> ChargeManyAsync(IReadOnlyList<ChargeRequest> requests, CancellationToken ct)
    {
        var outcomes = new List<ChargeOutcome>(requests.Count);
        foreach (var request in requests)
        {
            outcomes.Add(await ChargeAsync(request, ct));
        }

        return outcomes;
    }

    /// <summary>What became of the charge made with <paramref name="idempotencyKey"/>; null when the processor never saw it.</summary>
    Task<ChargeOutcome?> FindChargeAsync(string idempotencyKey, CancellationToken ct);

    Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken ct);

    /// <summary>The charges the processor made in [<paramref name="from"/>, <paramref name="to"/>), for the daily reconciliation.</summary>
    Task<IReadOnlyList<ProcessorChargeRecord>> ListChargesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
