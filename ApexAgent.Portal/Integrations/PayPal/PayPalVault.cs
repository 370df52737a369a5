using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// Connecting a PayPal account as a payment method (vault v3): <see cref="StartAsync"/> creates a setup token and
/// answers PayPal's approve link; PayPal sends the buyer back to <c>/billing/paypal/return</c>, where
/// <see cref="CompleteAsync"/> turns the approved setup token into a vault payment token and saves it as the
/// organisation's method. Setup tokens are stored (<see cref="StoredPayPalApproval"/>, an hour) with the organisation
/// that asked for them, so a restart in between still completes, a token cannot be redeemed by another organisation,
/// and completing twice (a page rendered twice) saves once.
/// </summary>
public sealed class PayPalVault(PayPalPaymentProcessor paypal, PaymentMethodService methods, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const string ReturnPath = "billing/paypal/return";

    /// <summary>How long a buyer has to approve at PayPal and come back.</summary>
    public static readonly TimeSpan ApprovalLifetime = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim completing = new(1, 1);

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

        var root = baseUri.TrimEnd('/');
        var customerId = await paypal.EnsureCustomerAsync(new ProcessorCustomer(actor.OrganizationId, "", null), ct);
        var approval = await paypal.CreateSetupTokenAsync(customerId, $"{root}/{ReturnPath}", $"{root}/{ReturnPath}?cancelled=true", ct);
        if (!approval.IsSuccess)
        {
            return approval.Error;
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.PayPalApprovals.Add(new StoredPayPalApproval
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = actor.OrganizationId,
            Kind = StoredPayPalApproval.VaultKind,
            PayPalId = approval.Value.Id,
            RequestedBy = actor.UserId,
            CreatedAt = now,
            ExpiresAt = now + ApprovalLifetime,
        });
        await db.SaveChangesAsync(ct);
        return approval.Value.ApproveUrl;
    }

    /// <summary>Saves the PayPal account the buyer approved; <paramref name="setupTokenId"/> comes back in PayPal's redirect.</summary>
    public async Task<Result<PaymentMethodView>> CompleteAsync(Actor actor, string? setupTokenId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(setupTokenId) || setupTokenId.Length > 60 || await FindAsync(actor.OrganizationId, setupTokenId, ct) is null)
        {
            return Error.NotFound("paypal_approval", "PayPal approval");
        }

        await completing.WaitAsync(ct);
        try
        {
            var approval = (await FindAsync(actor.OrganizationId, setupTokenId, ct))!;
            if (approval.CompletedAt is not null)
            {
                return approval.Outcome == "expired" ? Expired : await SavedAsync(actor, approval.PaymentMethodId, ct);
            }

            var now = clock.GetUtcNow();
            if (approval.ExpiresAt <= now)
            {
                await CloseAsync(approval.Id, "expired", null, ct);
                return Expired;
            }

            var saved = await methods.AddAsync(actor, paypal, setupTokenId, makeDefault: false, ct);
            if (saved.IsSuccess)
            {
                await CloseAsync(approval.Id, "saved", saved.Value.Id, ct);
            }

            return saved; // a failure leaves the approval open: coming back again (same PayPal-Request-Id) may still save it
        }
        finally
        {
            completing.Release();
        }
    }

    /// <summary>The answer for an approval that expired before the buyer came back.</summary>
    public static readonly Error Expired = new("paypal_approval_expired",
        "This PayPal approval has expired (you have an hour to approve at PayPal). Nothing was saved; connect PayPal again.", ErrorKind.Conflict);

    private async Task<StoredPayPalApproval?> FindAsync(Guid organizationId, string setupTokenId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PayPalApprovals.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Kind == StoredPayPalApproval.VaultKind && a.PayPalId == setupTokenId && a.OrganizationId == organizationId, ct);
    }

    private async Task CloseAsync(Guid id, string outcome, Guid? methodId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PayPalApprovals.Where(a => a.Id == id && a.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CompletedAt, now).SetProperty(a => a.Outcome, outcome).SetProperty(a => a.PaymentMethodId, methodId), ct);
    }

    private async Task<Result<PaymentMethodView>> SavedAsync(Actor actor, Guid? methodId, CancellationToken ct)
    {
        var listed = await methods.ListAsync(actor, ct);
        if (!listed.IsSuccess)
        {
            return listed.Error;
        }

        return listed.Value.FirstOrDefault(m => m.Id == methodId) is { } method
            ? method
            : new Error("paypal_approval_used", "This PayPal approval was already used (or has expired), and its account is no longer saved. Connect PayPal again.", ErrorKind.Conflict);
    }
}
