namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// The processors this deployment charges through, by name. New cards go to Stripe when it is configured, else to the
/// built-in sandbox; PayPal methods go to PayPal when it is configured. A payment, a refund or a saved method always goes
/// back to the processor that holds it (<see cref="Payment.Processor"/>, <see cref="PaymentMethod.Processor"/>).
/// </summary>
public sealed class PaymentProcessors(IEnumerable<IPaymentProcessor> processors)
{
    private readonly IReadOnlyList<IPaymentProcessor> all = processors.GroupBy(p => p.Name).Select(g => g.Last()).ToList();

    public IReadOnlyList<IPaymentProcessor> All => all;

    /// <summary>Where new cards are saved and charged: <c>stripe</c> when configured, else <c>sandbox</c>.</summary>
    public IPaymentProcessor Cards => Find("stripe") ?? For("sandbox");

    public IPaymentProcessor? Find(string name) => all.FirstOrDefault(p => p.Name == name);

    public IPaymentProcessor For(string name) =>
        Find(name) ?? throw new InvalidOperationException($"The payment processor '{name}' is not configured here.");

    /// <summary>
    /// The organisation's customer id at <paramref name="processor"/>. The account keeps the customer of the processor that
    /// holds its cards; other processors (PayPal) derive theirs from the organisation on each call.
    /// </summary>
    public async Task<string> CustomerIdAsync(BillingAccount account, IPaymentProcessor processor, CancellationToken ct)
    {
        if (account.Processor == processor.Name && account.ProcessorCustomerId is { } known)
        {
            return known;
        }

        var id = await processor.EnsureCustomerAsync(new ProcessorCustomer(account.OrganizationId, account.BillingName, account.BillingEmail), ct);
        if (processor.Name == Cards.Name)
        {
            (account.Processor, account.ProcessorCustomerId) = (processor.Name, id);
        }

        return id;
    }
}
