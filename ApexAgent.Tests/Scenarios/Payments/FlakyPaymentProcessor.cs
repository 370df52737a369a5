using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Sandbox;

namespace ApexAgent.Tests.Scenarios.Payments;

/// <summary>
/// A test-only decorator of the sandbox (registered under its name, so <see cref="PaymentProcessors"/> picks it): it
/// can lose the answer of the next charge call after the sandbox charged, fail the next call before it reaches the
/// sandbox, or be down for lookups. It counts every charge call it passes on.
/// </summary>
public sealed class FlakyPaymentProcessor(SandboxPaymentProcessor inner) : IPaymentProcessor
{
    public string Name => inner.Name;

    /// <summary>The next charge call is made, then its answer is lost (a timeout after the processor charged).</summary>
    public bool LoseNextAnswer { get; set; }

    /// <summary>The next charge call fails before reaching the processor (a connection refused).</summary>
    public bool FailNextCall { get; set; }

    /// <summary>Lookups fail (the processor is down).</summary>
    public bool LookupsDown { get; set; }

    public int ChargeCalls { get; private set; }

    public Task<string> EnsureCustomerAsync(ProcessorCustomer customer, CancellationToken ct) => inner.EnsureCustomerAsync(customer, ct);

    public Task<Result<SavedPaymentMethod>> SavePaymentMethodAsync(string customerId, string token, CancellationToken ct) => inner.SavePaymentMethodAsync(customerId, token, ct);

    public Task DetachPaymentMethodAsync(string customerId, string methodToken, CancellationToken ct) => inner.DetachPaymentMethodAsync(customerId, methodToken, ct);

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct) => (await ChargeManyAsync([request], ct))[0];

    public async Task<IReadOnlyList<ChargeOutcome>> ChargeManyAsync(IReadOnlyList<ChargeRequest> requests, CancellationToken ct)
    {
        if (FailNextCall)
        {
            FailNextCall = false;
            throw new HttpRequestException("Connection refused (test)");
        }

        ChargeCalls += requests.Count;
        var outcomes = await inner.ChargeManyAsync(requests, ct);
        if (LoseNextAnswer)
        {
            LoseNextAnswer = false;
            throw new TimeoutException("The processor did not answer in time (test)");
        }

        return outcomes;
    }

    public Task<ChargeOutcome?> FindChargeAsync(string idempotencyKey, CancellationToken ct) =>
        LookupsDown ? throw new HttpRequestException("Service unavailable (test)") : inner.FindChargeAsync(idempotencyKey, ct);

    public Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken ct) => inner.RefundAsync(request, ct);

    public Task<IReadOnlyList<ProcessorChargeRecord>> ListChargesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        LookupsDown ? throw new HttpRequestException("Service unavailable (test)") : inner.ListChargesAsync(from, to, ct);
}
