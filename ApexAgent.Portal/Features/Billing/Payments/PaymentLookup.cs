using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>Asks the processor that holds a payment what became of it, by the payment's idempotency key.</summary>
internal static class PaymentLookup
{
    public static async Task<(string Key, string Processor)> KeyOfAsync(IDbContextFactory<PortalDbContext> dbFactory, Guid paymentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => new { p.IdempotencyKey, p.Processor }).FirstAsync(ct);
        return (payment.IdempotencyKey, payment.Processor);
    }

    public static async Task<ChargeOutcome?> FindChargeAsync(IDbContextFactory<PortalDbContext> dbFactory, PaymentProcessors processors, Guid paymentId, CancellationToken ct)
    {
        var (key, processor) = await KeyOfAsync(dbFactory, paymentId, ct);
        return await processors.For(processor).FindChargeAsync(key, ct);
    }
}
