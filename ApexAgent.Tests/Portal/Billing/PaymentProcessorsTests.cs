using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;

namespace ApexAgent.Tests.Portal.Billing;

public sealed class PaymentProcessorsTests
{
    [Fact]
    public void Cards_go_to_stripe_when_it_is_configured_else_to_the_sandbox()
    {
        Assert.Equal("sandbox", new PaymentProcessors([new Named("sandbox")]).Cards.Name);
        Assert.Equal("stripe", new PaymentProcessors([new Named("sandbox"), new Named("paypal"), new Named("stripe")]).Cards.Name);
    }

    [Fact]
    public void A_payment_goes_back_to_the_processor_that_holds_it()
    {
        var processors = new PaymentProcessors([new Named("sandbox"), new Named("paypal")]);

        Assert.Equal("paypal", processors.For("paypal").Name);
        Assert.Null(processors.Find("stripe"));
        Assert.Throws<InvalidOperationException>(() => processors.For("stripe"));
    }

    [Fact]
    public async Task The_account_keeps_the_customer_of_its_cards_processor_only()
    {
        var stripe = new Named("stripe");
        var paypal = new Named("paypal");
        var processors = new PaymentProcessors([new Named("sandbox"), stripe, paypal]);
        var account = new BillingAccount { OrganizationId = Guid.NewGuid(), BillingName = "Acme", Processor = "sandbox" };

        var paypalCustomer = await processors.CustomerIdAsync(account, paypal, CancellationToken.None);
        Assert.Equal("sandbox", account.Processor);
        Assert.Null(account.ProcessorCustomerId);

        var stripeCustomer = await processors.CustomerIdAsync(account, stripe, CancellationToken.None);
        var again = await processors.CustomerIdAsync(account, stripe, CancellationToken.None);
        Assert.Equal(("stripe", stripeCustomer), (account.Processor, account.ProcessorCustomerId));
        Assert.Equal(stripeCustomer, again);
        Assert.Equal(1, stripe.CustomersCreated);
        Assert.StartsWith("paypal_", paypalCustomer);
    }

    private sealed class Named(string name) : IPaymentProcessor
    {
        public int CustomersCreated { get; private set; }

        public string Name => name;

        public Task<string> EnsureCustomerAsync(ProcessorCustomer customer, CancellationToken ct)
        {
            CustomersCreated++;
            return Task.FromResult($"{name}_{customer.OrganizationId:N}");
        }

        public Task<Result<SavedPaymentMethod>> SavePaymentMethodAsync(string customerId, string token, CancellationToken ct) => throw new NotSupportedException();

        public Task DetachPaymentMethodAsync(string customerId, string methodToken, CancellationToken ct) => throw new NotSupportedException();

        public Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct) => throw new NotSupportedException();

        public Task<ChargeOutcome?> FindChargeAsync(string idempotencyKey, CancellationToken ct) => throw new NotSupportedException();

        public Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<ProcessorChargeRecord>> ListChargesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => throw new NotSupportedException();
    }
}
