using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing.Payments;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Integrations.Sandbox;

/// <summary>
/// The built-in processor, used when no real processor is configured. It behaves like one where it matters: charges
/// are deduplicated by idempotency key (a repeated key returns the first outcome and moves no money), test cards decide
/// the outcome, and its records survive restarts, so a billing run killed half-way is reconciled rather than repeated.
/// </summary>
public sealed class SandboxPaymentProcessor(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock) : IPaymentProcessor
{
    public const string ProcessorName = "sandbox";

    public string Name => ProcessorName;

    public Task<string> EnsureCustomerAsync(ProcessorCustomer customer, CancellationToken ct) =>
        Task.FromResult($"sbx_cus_{customer.OrganizationId:N}");

    public Task<Result<SavedPaymentMethod>> SavePaymentMethodAsync(string customerId, string token, CancellationToken ct)
    {
        // The sandbox card form already tokenised the card (SandboxCardVault); the token carries its test behaviour.
        Result<SavedPaymentMethod> result = SandboxCardVault.Describe(token) is { } method
            ? method
            : new Error("payment_method_invalid", "This is not a sandbox payment method token.");
        return Task.FromResult(result);
    }

    public Task DetachPaymentMethodAsync(string customerId, string methodToken, CancellationToken ct) => Task.CompletedTask;

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct) => (await ChargeManyAsync([request], ct))[0];

    /// <summary>Charges a batch in one transaction (the key checks and the inserts hold together, one writer at a time).</summary>
    public async Task<IReadOnlyList<ChargeOutcome>> ChargeManyAsync(IReadOnlyList<ChargeRequest> requests, CancellationToken ct)
    {
        var keys = requests.Select(r => r.IdempotencyKey).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var known = await db.SandboxCharges.AsNoTracking().Where(c => keys.Contains(c.IdempotencyKey)).ToDictionaryAsync(c => c.IdempotencyKey, ct);
        var flaky = requests.Where(r => SandboxCardVault.BehaviourOf(r.MethodToken) == SandboxCard.Transient).Select(r => r.MethodToken).Distinct().ToList();
        var earlier = flaky.Count == 0 ? [] : await db.SandboxCharges.Where(c => flaky.Contains(c.MethodToken) && c.RefundOf == null)
            .GroupBy(c => c.MethodToken).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var outcomes = new List<ChargeOutcome>(requests.Count);
        foreach (var request in requests)
        {
            if (!known.TryGetValue(request.IdempotencyKey, out var charge))
            {
                charge = Charge(request, earlier.GetValueOrDefault(request.MethodToken));
                earlier[request.MethodToken] = earlier.GetValueOrDefault(request.MethodToken) + 1;
                known[request.IdempotencyKey] = charge;
                db.SandboxCharges.Add(charge);
            }

            outcomes.Add(Outcome(charge));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return outcomes;
    }

    /// <summary>
    /// The sandbox's stand-in for the bank's authentication page: the customer approves or declines a charge that
    /// requires action. The portal then asks <see cref="FindChargeAsync"/>, as it would ask Stripe after 3-D Secure.
    /// </summary>
    public async Task<bool> AuthenticateAsync(string idempotencyKey, bool approve, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var charge = await db.SandboxCharges.FirstOrDefaultAsync(c => c.IdempotencyKey == idempotencyKey && c.Status == "requires_action", ct);
        if (charge is null)
        {
            return false;
        }

        (charge.Status, charge.FailureCode) = approve ? ("succeeded", null) : ("declined", "authentication_failed");
        await db.SaveChangesAsync(ct);
        return true;
    }

    private SandboxCharge Charge(ChargeRequest request, int earlierCharges)
    {
        var (status, failure) = SandboxCardVault.BehaviourOf(request.MethodToken) switch
        {
            SandboxCard.RequiresAuthentication when request.OffSession => ("failed", "authentication_required"),
            SandboxCard.RequiresAuthentication => ("requires_action", (string?)null),
            SandboxCard.Succeeds => ("succeeded", null),
            SandboxCard.Declined => ("declined", "card_declined"),
            SandboxCard.InsufficientFunds => ("failed", "insufficient_funds"),
            SandboxCard.Transient => earlierCharges % 2 == 0 ? ("failed", "processing_error") : ("succeeded", (string?)null),
            _ => ("declined", "payment_method_invalid"),
        };
        return new SandboxCharge
        {
            Id = $"sbx_ch_{Guid.CreateVersion7(clock.GetUtcNow()):N}",
            IdempotencyKey = request.IdempotencyKey,
            MethodToken = request.MethodToken,
            AmountMinor = request.Amount.Minor,
            CurrencyCode = request.Amount.Currency.Code,
            Status = status,
            FailureCode = failure,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    public async Task<ChargeOutcome?> FindChargeAsync(string idempotencyKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var charge = await db.SandboxCharges.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == idempotencyKey, ct);
        return charge is null ? null : Outcome(charge);
    }

    public async Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.SandboxCharges.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == request.IdempotencyKey, ct);
        if (existing is not null)
        {
            return new RefundOutcome(existing.Status == "succeeded", existing.Id);
        }

        var charge = await db.SandboxCharges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.ProcessorPaymentId && c.Status == "succeeded", ct);
        if (charge is null)
        {
            return new RefundOutcome(false, null, "There is no successful sandbox charge to refund.");
        }

        var refunded = await db.SandboxCharges.Where(c => c.RefundOf == charge.Id && c.Status == "succeeded").SumAsync(c => c.AmountMinor, ct);
        if (refunded + request.Amount.Minor > charge.AmountMinor)
        {
            return new RefundOutcome(false, null, "The refund is larger than what is left of the charge.");
        }

        var refund = new SandboxCharge
        {
            Id = $"sbx_re_{Guid.CreateVersion7(clock.GetUtcNow()):N}",
            IdempotencyKey = request.IdempotencyKey,
            MethodToken = charge.MethodToken,
            AmountMinor = request.Amount.Minor,
            CurrencyCode = request.Amount.Currency.Code,
            RefundOf = charge.Id,
            Status = "succeeded",
            CreatedAt = clock.GetUtcNow(),
        };
        db.SandboxCharges.Add(refund);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RefundOutcome(true, refund.Id);
    }

    public async Task<IReadOnlyList<ProcessorChargeRecord>> ListChargesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SandboxCharges.AsNoTracking().Where(c => c.CreatedAt >= from && c.CreatedAt < to).ToListAsync(ct);
        var ids = rows.Where(c => c.RefundOf == null).Select(c => c.Id).ToList();
        var refunds = await db.SandboxCharges.AsNoTracking().Where(c => c.RefundOf != null && ids.Contains(c.RefundOf) && c.Status == "succeeded")
            .GroupBy(c => c.RefundOf!).Select(g => new { g.Key, Sum = g.Sum(c => c.AmountMinor) }).ToDictionaryAsync(g => g.Key, g => g.Sum, ct);
        return rows.Where(c => c.RefundOf == null).Select(c =>
        {
            var currency = Currency.FromCode(c.CurrencyCode);
            return new ProcessorChargeRecord(c.Id, c.IdempotencyKey, new Money(c.AmountMinor, currency), Outcome(c).Status, new Money(refunds.GetValueOrDefault(c.Id), currency), c.CreatedAt);
        }).ToList();
    }

    private static ChargeOutcome Outcome(SandboxCharge charge) => charge.Status switch
    {
        "succeeded" => new ChargeOutcome(ChargeStatus.Succeeded, charge.Id),
        "requires_action" => new ChargeOutcome(ChargeStatus.RequiresAction, charge.Id),
        "declined" when charge.FailureCode == "authentication_failed" => new ChargeOutcome(ChargeStatus.Declined, charge.Id, charge.FailureCode, "The payment was not authenticated with your bank. Try again or use another card."),
        "declined" => new ChargeOutcome(ChargeStatus.Declined, charge.Id, charge.FailureCode, "The card was declined. Use another card."),
        _ => new ChargeOutcome(ChargeStatus.Failed, charge.Id, charge.FailureCode, charge.FailureCode switch
        {
            "insufficient_funds" => "The card has insufficient funds. We will try again, or you can use another card.",
            "authentication_required" => "Your bank asks you to confirm this payment, which it cannot do while you are away. Choose Pay now on the invoice to confirm it with your bank, or add another card.",
            _ => "The payment could not be processed just now. We will try again.",
        }),
    };
}
