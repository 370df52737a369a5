using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Components;
using Bunit;
using MudBlazor.Services;

namespace ApexAgent.Tests.Components;

public sealed class BillingComponentTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly BunitContext context = new();

    public BillingComponentTests()
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
    }

    [Fact]
    public void An_upgrade_preview_shows_every_line_the_total_charged_now_and_the_credits_granted()
    {
        var period = new BillingPeriod(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        ProrationLine[] lines =
        [
            new(ProrationLineKind.UnusedTime, "Unused time on Pro (monthly), 22 of 31 days", Money.Usd(-1_419), Now, period.End),
            new(ProrationLineKind.RemainingTime, "Remaining time on Team (monthly, 2 seats), 22 of 31 days", Money.Usd(5_677), Now, period.End),
        ];
        var proration = new ProrationPreview(lines, Money.Usd(4_258), Millicredits.FromCredits(7_806), PlanChangeTiming.Now, Now, period);
        var quote = new PlanChangeQuote("Pro (monthly)", "Team (monthly, 2 seats)", PlanChangeKind.Upgrade, proration, Money.Usd(1_000), Money.Usd(3_258), Money.Usd(0),
            Money.Usd(8_000), period.End, "$32.58 is charged now to your default payment method, and the change applies at once.");

        var cut = context.Render<QuotePreview>(p => p.Add(q => q.Quote, quote).Add(q => q.TimeZone, "UTC"));

        var rows = cut.FindAll(".preview-line");
        Assert.Equal(2, rows.Count);
        Assert.Contains("-$14.19", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("22", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("$42.58", cut.Find("#preview-subtotal").TextContent);
        Assert.Equal("−$10.00", cut.Find("#preview-balance").TextContent);
        Assert.Equal("$32.58", cut.Find("#preview-charged").TextContent);
        Assert.Equal("Now", cut.Find("#preview-effective").TextContent);
        Assert.Equal("$80.00 on Apr 1, 2026", cut.Find("#preview-renewal").TextContent);
        Assert.Equal("+7,806 credits granted", cut.Find("#preview-credits").TextContent);
        Assert.Empty(cut.FindAll("#preview-credited"));
    }

    [Fact]
    public void A_downgrade_applied_now_shows_the_credit_to_the_balance_and_the_credits_removed_instead_of_a_charge()
    {
        var period = new BillingPeriod(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var proration = new ProrationPreview([new(ProrationLineKind.UnusedTime, "Unused time on Team (monthly, 2 seats), 22 of 31 days", Money.Usd(-5_677), Now, period.End)],
            Money.Usd(-5_677), Millicredits.FromCredits(-3_000), PlanChangeTiming.Now, Now, period);
        var quote = new PlanChangeQuote("Team (monthly, 2 seats)", "Pro (monthly)", PlanChangeKind.Downgrade, proration, Money.Usd(0), Money.Usd(0), Money.Usd(5_677),
            Money.Usd(2_000), period.End, "The change applies at once and $56.77 is credited to your account balance for later invoices.");

        var cut = context.Render<QuotePreview>(p => p.Add(q => q.Quote, quote));

        Assert.Equal("$56.77", cut.Find("#preview-credited").TextContent);
        Assert.Empty(cut.FindAll("#preview-charged"));
        Assert.Empty(cut.FindAll("#preview-balance"));
        Assert.Equal("−3,000 credits removed", cut.Find("#preview-credits").TextContent);
        Assert.Contains("credited to your account balance", cut.Find("#preview-summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoice_filters_round_trip_through_the_address_and_become_an_inclusive_day_range_in_minor_units()
    {
        var filter = InvoiceFilter.Parse(" APX-2026 ", "2026-03-01", "2026-03-31", "paid", "10.5", "99");
        var search = filter.ToSearch(2, 25, "UTC");

        Assert.Equal("APX-2026", search.Number);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), search.From);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), search.To);
        Assert.Equal(InvoiceStatus.Paid, search.Status);
        Assert.Equal(1_050, search.MinTotalMinor);
        Assert.Equal(9_900, search.MaxTotalMinor);
        Assert.Equal(2, search.Page);
        var address = filter.ToAddress();
        Assert.Equal(filter, InvoiceFilter.Parse((string?)address["number"], (string?)address["from"], (string?)address["to"], (string?)address["status"], (string?)address["min"], (string?)address["max"]));
        Assert.Equal(InvoiceFilter.None, InvoiceFilter.Parse(null, "yesterday", "2026-13-01", "draft", "-1", "lots"));
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
