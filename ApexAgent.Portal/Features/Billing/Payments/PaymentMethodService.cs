using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// Saved payment methods. Only the processor's token, the brand, the last four digits and the expiry are kept. A new
/// or newly default method retries every unpaid invoice at once (the dunning schedule's "card update" retry) and resumes
/// an auto top-up paused by a failed payment.
/// </summary>
public sealed class PaymentMethodService(IDbContextFactory<PortalDbContext> dbFactory, PaymentProcessors processors, BillingRun billing, Credits.Purchases.AutoTopUpService autoTopUp, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<PaymentMethodView>>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingRead))
        {
            return OrganizationService.Forbidden("see payment methods");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var preferred = await db.BillingAccounts.Where(a => a.OrganizationId == actor.OrganizationId).Select(a => a.DefaultPaymentMethodId).FirstOrDefaultAsync(ct);
        var methods = await db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == actor.OrganizationId).OrderBy(m => m.CreatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return methods.Select(m => PaymentMethodView.Of(m, m.Id == preferred, now)).ToList();
    }

    /// <summary>Saves a method the processor tokenised; the first one becomes the default.</summary>
    public Task<Result<PaymentMethodView>> AddAsync(Actor actor, string? token, bool makeDefault, CancellationToken ct) =>
        AddAsync(actor, processors.Cards, token, makeDefault, ct);

    /// <summary>Saves a method held by <paramref name="processor"/> (e.g. a PayPal account approved at PayPal).</summary>
    public async Task<Result<PaymentMethodView>> AddAsync(Actor actor, IPaymentProcessor processor, string? token, bool makeDefault, CancellationToken ct)
    {
        if (Refuse(actor, "add payment methods") is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(token) || token.Length > 200)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["token"] = ["A payment method token from the card form is required."] });
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var account = await BillingBooks.AccountAsync(db, actor.OrganizationId, now, ct);
        var customerId = await processors.CustomerIdAsync(account, processor, ct);
        var saved = await processor.SavePaymentMethodAsync(customerId, token.Trim(), ct);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        if (await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.OrganizationId == actor.OrganizationId && m.Processor == processor.Name && m.ProcessorToken == saved.Value.Token, ct) is { } same)
        {
            return PaymentMethodView.Of(same, account.DefaultPaymentMethodId == same.Id, now); // the processor answered a token we hold (a repeated save): kept once
        }

        if (await db.PaymentMethods.CountAsync(m => m.OrganizationId == actor.OrganizationId, ct) >= 10)
        {
            return new Error("too_many_payment_methods", "An organisation can keep up to 10 payment methods. Remove one first.", ErrorKind.Conflict);
        }

        var method = new PaymentMethod
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = actor.OrganizationId,
            Processor = processor.Name,
            ProcessorToken = saved.Value.Token,
            Type = saved.Value.Type,
            Brand = saved.Value.Brand,
            Last4 = saved.Value.Last4,
            ExpMonth = saved.Value.ExpMonth,
            ExpYear = saved.Value.ExpYear,
            CreatedAt = now,
        };
        db.PaymentMethods.Add(method);
        var becomesDefault = makeDefault || account.DefaultPaymentMethodId is null;
        if (becomesDefault)
        {
            account.DefaultPaymentMethodId = method.Id;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (becomesDefault)
        {
            await RetryUnpaidAsync(actor.OrganizationId, ct);
        }

        return PaymentMethodView.Of(method, becomesDefault, now);
    }

    public async Task<Result<PaymentMethodView>> MakeDefaultAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (Refuse(actor, "change payment methods") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var method = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == id && m.OrganizationId == actor.OrganizationId, ct);
        if (method is null)
        {
            return NotFound;
        }

        var account = await BillingBooks.AccountAsync(db, actor.OrganizationId, clock.GetUtcNow(), ct);
        account.DefaultPaymentMethodId = method.Id;
        (method.DeclinedAt, method.DeclineCode) = (null, null); // choosing it again says it works now (updated at the bank): try it
        await db.SaveChangesAsync(ct);
        await RetryUnpaidAsync(actor.OrganizationId, ct);
        return PaymentMethodView.Of(method, true, clock.GetUtcNow());
    }

    /// <summary>Removes a method; the last one cannot go while a paid plan is active.</summary>
    public async Task<Result<Guid>> RemoveAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (Refuse(actor, "remove payment methods") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var method = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == id && m.OrganizationId == actor.OrganizationId, ct);
        if (method is null)
        {
            return NotFound;
        }

        var others = await db.PaymentMethods.Where(m => m.OrganizationId == actor.OrganizationId && m.Id != id).OrderByDescending(m => m.CreatedAt).ToListAsync(ct);
        var paid = await db.Subscriptions.InForce().AnyAsync(s => s.OrganizationId == actor.OrganizationId && s.Tier != Domain.Catalog.TierCode.Free && s.CollectionMethod == CollectionMethod.ChargeAutomatically && !s.CancelAtPeriodEnd, ct);
        if (others.Count == 0 && paid)
        {
            return new Error("last_payment_method", "This is the only payment method of a paid plan. Add another one first, or cancel the plan.", ErrorKind.Conflict);
        }

        var account = await BillingBooks.AccountAsync(db, actor.OrganizationId, clock.GetUtcNow(), ct);
        if (account.DefaultPaymentMethodId == id)
        {
            account.DefaultPaymentMethodId = others.FirstOrDefault()?.Id;
        }

        db.PaymentMethods.Remove(method);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var holder = processors.For(method.Processor);
        await holder.DetachPaymentMethodAsync(await processors.CustomerIdAsync(account, holder, ct), method.ProcessorToken, ct);
        return id;
    }

    /// <summary>A card update retries every unpaid invoice at once instead of waiting for the next dunning day.</summary>
    private async Task RetryUnpaidAsync(Guid organizationId, CancellationToken ct)
    {
        await autoTopUp.PaymentMethodChangedAsync(organizationId, ct); // a paused auto top-up may try again
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unpaid = await db.Invoices.Where(i => i.OrganizationId == organizationId && i.Status == InvoiceStatus.Open && i.CollectionMethod == CollectionMethod.ChargeAutomatically).ToListAsync(ct);
        foreach (var invoice in unpaid)
        {
            invoice.RetryNow(clock.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        foreach (var invoice in unpaid)
        {
            await billing.CollectAsync(invoice.Id, ct);
        }
    }

    private static Error? Refuse(Actor actor, string what) =>
        !actor.Can(Permission.BillingManage) ? OrganizationService.Forbidden(what) : actor.RefuseIfReadOnly();

    private static Error NotFound => Error.NotFound("payment_method", "payment method");
}
