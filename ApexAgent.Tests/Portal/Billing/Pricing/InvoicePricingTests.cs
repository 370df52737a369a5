using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Pricing;
using Microsoft.EntityFrameworkCore;
using ApexAgent.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApexAgent.Tests.Portal.Billing.Pricing;

/// <summary>
/// The pricing seam with two stand-in steps (a 10% code and a 5% tax): they run in their order whatever the
/// registration order, the preview shows exactly the lines the invoice gets, a refusal stores nothing, and renewals are
/// priced too (loaded once per batch).
/// </summary>
public sealed class InvoicePricingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly BillingHarness world = new(Start, services =>
    {
        services.RemoveAll<IInvoicePricingStep>(); // only the stand-ins: this is about the seam, not the real discounts and tax
        services.AddSingleton<IInvoicePricingStep, FivePercentTax>(); // registered first, runs last
        services.AddSingleton<IInvoicePricingStep, TenPercentCode>();
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task The_preview_shows_the_lines_the_invoice_gets()
    {
        var customer = await world.CustomerAsync();
        var request = new PlanChangeRequest(TierCode.Pro, BillingCycle.Monthly, DiscountCode: "TEN");

        var quote = (await world.Plans.PreviewAsync(customer.Actor, request, CancellationToken.None)).Value;
        var confirmed = await world.Plans.ConfirmAsync(customer.Actor, request, CancellationToken.None);

        Assert.True(confirmed.IsSuccess, confirmed.Error?.Message);
        Assert.Equal([InvoiceLineKind.Plan, InvoiceLineKind.CodeDiscount, InvoiceLineKind.Tax], quote.Lines.Select(l => l.Kind));
        Assert.Equal([2000L, -200L, 90L], quote.Lines.Select(l => l.AmountMinor));
        Assert.Equal(Money.Usd(1890), quote.Total);
        Assert.Equal(Money.Usd(1890), quote.ChargedNow);
        Assert.Equal(Money.Usd(2000), quote.Subtotal);
        var invoice = (await world.InvoicesAsync(customer.OrganizationId)).Single();
        Assert.Equal(quote.Lines.Select(l => (l.Kind, l.Description, l.AmountMinor)), invoice.Lines.OrderBy(l => l.Position).Select(l => (l.Kind, l.Description, l.AmountMinor)));
        Assert.Equal(1890, invoice.TotalMinor);
        Assert.Equal(1890, (await world.PaymentsAsync(customer.OrganizationId)).Single().AmountMinor);
    }

    [Fact]
    public async Task A_refused_code_stores_nothing()
    {
        var customer = await world.CustomerAsync();
        var request = new PlanChangeRequest(TierCode.Pro, BillingCycle.Monthly, DiscountCode: "BAD");

        var preview = await world.Plans.PreviewAsync(customer.Actor, request, CancellationToken.None);
        var confirm = await world.Plans.ConfirmAsync(customer.Actor, request, CancellationToken.None);

        Assert.Equal("discount_code_invalid", preview.Error?.Code);
        Assert.Equal("discount_code_invalid", confirm.Error?.Code);
        Assert.Empty(await world.InvoicesAsync(customer.OrganizationId));
        Assert.Empty(await world.PaymentsAsync(customer.OrganizationId));
        Assert.Equal(TierCode.Free, (await world.InForceAsync(customer.OrganizationId)).Tier);
    }

    [Fact]
    public async Task Renewals_are_priced_by_the_same_steps()
    {
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);

        await world.AdvanceDaysAsync(32);

        var renewal = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose == InvoicePurpose.Renewal);
        Assert.Equal([InvoiceLineKind.Plan, InvoiceLineKind.Tax], renewal.Lines.OrderBy(l => l.Position).Select(l => l.Kind));
        Assert.Equal(2100, renewal.TotalMinor);
        Assert.Equal(InvoiceStatus.Paid, renewal.Status);
        Assert.True(FivePercentTax.Loads.Values.All(size => size >= 1));
    }

    [Fact]
    public void What_discounts_act_on_excludes_tax_and_the_account_balance()
    {
        var draft = Invoice.Draft(Guid.NewGuid(), null, InvoicePurpose.Renewal, Currency.Usd, null, CollectionMethod.ChargeAutomatically, Start);
        draft.AddLine(InvoiceLineKind.Plan, "Pro", Money.Usd(2000));
        draft.AddLine(InvoiceLineKind.VolumeDiscount, "Volume", Money.Usd(-200));
        draft.AddLine(InvoiceLineKind.Tax, "Tax", Money.Usd(90));
        draft.ApplyAccountBalance(Money.Usd(500));

        Assert.Equal(1800, InvoicePricing.DiscountableMinor(draft));
    }

    private sealed class TenPercentCode : IInvoicePricingStep
    {
        public int Order => 300;

        public Task LoadAsync(PricingBatch batch, CancellationToken ct) => Task.CompletedTask;

        public Error? Apply(Invoice draft, PricingRequest request, PricingBatch batch) => request.DiscountCode switch
        {
            null => null,
            "BAD" => new Error("discount_code_invalid", "No such code."),
            _ => Add(draft),
        };

        private static Error? Add(Invoice draft)
        {
            draft.AddLine(InvoiceLineKind.CodeDiscount, "Code TEN: 10% off", new Money(-InvoicePricing.DiscountableMinor(draft) / 10, draft.Currency));
            return null;
        }
    }

    private sealed class FivePercentTax : IInvoicePricingStep
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> Loads = new();

        public int Order => 900;

        public async Task LoadAsync(PricingBatch batch, CancellationToken ct)
        {
            // A real step reads its rows for the whole batch at once; this one proves it is handed the batch's organisations.
            var known = await batch.Db.Organizations.Where(o => batch.OrganizationIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
            Loads[Guid.NewGuid()] = known.Count;
        }

        public Error? Apply(Invoice draft, PricingRequest request, PricingBatch batch)
        {
            var taxable = InvoicePricing.DiscountableMinor(draft);
            draft.AddLine(InvoiceLineKind.Tax, "Tax 5%", new Money((long)Math.Round(taxable * 0.05m, MidpointRounding.AwayFromZero), draft.Currency));
            return null;
        }
    }
}
