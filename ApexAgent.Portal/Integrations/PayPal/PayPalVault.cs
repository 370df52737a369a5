using System.Collections.Concurrent;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Organizations;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// Connecting a PayPal account as a payment method (vault v3): <see cref="StartAsync"/> creates a setup token and
/// answers PayPal's approve link; PayPal sends the buyer back to <c>/billing/paypal/return</c>, where
/// <see cref="CompleteAsync"/> turns the approved setup token into a vault payment token and saves it as the
/// organisation's method. Setup tokens are remembered for an hour with the organisation that asked for them, so a
/// token cannot be redeemed by another organisation, and completing twice (a page rendered twice) saves once.
/// </summary>
public sealed class PayPalVault(PayPalPaymentProcessor paypal, PaymentMethodService methods, TimeProvider clock)
{
    public const string ReturnPath = "billing/paypal/return";

    private static readonly TimeSpan ApprovalLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, PendingApproval> pending = new();

    public async Task<Result<string>> StartAsync(Actor actor, string baseUri, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingManage))
        {
            return OrganizationService.Forbidden("add payment methods");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var now = clock.GetUtcNow();
        foreach (var stale in pending.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList())
        {
            pending.TryRemove(stale, out _);
        }

        var root = baseUri.TrimEnd('/');
        var customerId = await paypal.EnsureCustomerAsync(new ProcessorCustomer(actor.OrganizationId, "", null), ct);
        var approval = await paypal.CreateSetupTokenAsync(customerId, $"{root}/{ReturnPath}", $"{root}/{ReturnPath}?cancelled=true", ct);
        if (!approval.IsSuccess)
        {
            return approval.Error;
        }

        pending[approval.Value.Id] = new PendingApproval(actor.OrganizationId, now + ApprovalLifetime);
        return approval.Value.ApproveUrl;
    }

    /// <summary>Saves the PayPal account the buyer approved; <paramref name="setupTokenId"/> comes back in PayPal's redirect.</summary>
    public async Task<Result<PaymentMethodView>> CompleteAsync(Actor actor, string? setupTokenId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(setupTokenId) || !pending.TryGetValue(setupTokenId, out var approval)
            || approval.OrganizationId != actor.OrganizationId || approval.ExpiresAt <= clock.GetUtcNow())
        {
            return Error.NotFound("paypal_approval", "PayPal approval");
        }

        lock (approval)
        {
            approval.Saving ??= methods.AddAsync(actor, paypal, setupTokenId, makeDefault: false, ct);
        }

        var saved = await approval.Saving;
        if (saved.IsSuccess)
        {
            approval.ExpiresAt = clock.GetUtcNow() + TimeSpan.FromMinutes(5); // answers a second render, then goes
        }
        else
        {
            pending.TryRemove(setupTokenId, out _);
        }

        return saved;
    }

    private sealed class PendingApproval(Guid organizationId, DateTimeOffset expiresAt)
    {
        public Guid OrganizationId { get; } = organizationId;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public Task<Result<PaymentMethodView>>? Saving { get; set; }
    }
}
