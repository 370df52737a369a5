using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Integrations.Stripe;

/// <summary>
/// Starts saving a card with Stripe: a SetupIntent for the organisation's Stripe customer, whose client secret the
/// browser hands to Stripe.js. The card number goes from Stripe's field straight to Stripe; the portal only ever sees the
/// SetupIntent id that comes back, and saves it through <see cref="PaymentMethodService.AddAsync"/>.
/// </summary>
public sealed class StripeCardSetups(IDbContextFactory<PortalDbContext> dbFactory, PaymentProcessors processors, IOptions<StripeOptions> options, TimeProvider clock)
{
    /// <summary>Whether new cards are saved with Stripe here.</summary>
    public bool Active => processors.Cards is StripePaymentProcessor;

    /// <summary>The publishable key for Stripe.js (public by design).</summary>
    public string PublishableKey => options.Value.PublishableKey ?? "";

    public async Task<Result<StripeCardSetup>> StartAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingManage))
        {
            return OrganizationService.Forbidden("add payment methods");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        if (processors.Cards is not StripePaymentProcessor stripe)
        {
            return new Error("stripe_not_active", "Cards are saved with the sandbox here: Stripe is not configured.", ErrorKind.Conflict);
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await BillingBooks.AccountAsync(db, actor.OrganizationId, now, ct);
        var customerId = await processors.CustomerIdAsync(account, stripe, ct);
        await db.SaveChangesAsync(ct); // keeps the customer id (and a new billing account)
        var setup = await stripe.CreateSetupIntentAsync(customerId, Guid.CreateVersion7(now), ct);
        return new StripeCardSetup(setup.Id, setup.ClientSecret, options.Value.PublishableKey!);
    }
}
