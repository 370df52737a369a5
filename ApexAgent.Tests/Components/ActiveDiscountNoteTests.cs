using ApexAgent.Domain.Discounts;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Discounts;
using ApexAgent.Portal.Features.Discounts.Components;
using Bunit;
using MudBlazor.Services;

namespace ApexAgent.Tests.Components;

/// <summary>The line under the plan that names the subscription's discount code and how long it lasts, in the organisation's time zone.</summary>
public sealed class ActiveDiscountNoteTests : IAsyncDisposable
{
    private readonly BunitContext context = new();

    public ActiveDiscountNoteTests()
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
    }

    [Theory]
    [InlineData(DiscountDuration.Repeating, 2, "2027-04-12T02:00:00Z", "UTC", BillingCycle.Monthly, "Code SPRING25 · 25% off · 2 more months (until Apr 12, 2027)")]
    [InlineData(DiscountDuration.Repeating, 2, "2027-04-12T02:00:00Z", "America/Los_Angeles", BillingCycle.Monthly, "Code SPRING25 · 25% off · 2 more months (until Apr 11, 2027)")]
    [InlineData(DiscountDuration.Repeating, 1, "2028-01-05T09:00:00Z", "UTC", BillingCycle.Annual, "Code SPRING25 · 25% off · 1 more year (until Jan 5, 2028)")]
    [InlineData(DiscountDuration.Repeating, 0, "2027-03-12T09:00:00Z", "UTC", BillingCycle.Monthly, "Code SPRING25 · 25% off · until Mar 12, 2027")]
    [InlineData(DiscountDuration.Once, 0, "2027-03-12T09:00:00Z", "UTC", BillingCycle.Monthly, "Code SPRING25 · 25% off · until Mar 12, 2027")]
    [InlineData(DiscountDuration.Forever, null, null, "UTC", BillingCycle.Monthly, "Code SPRING25 · 25% off · forever")]
    public void The_note_names_the_code_its_offer_and_how_long_it_lasts(DiscountDuration duration, int? left, string? endsAt, string timeZone, BillingCycle cycle, string expected)
    {
        var discount = new ActiveDiscount("SPRING25", "25% off", DiscountKind.Percent, 25, null, null, duration, left,
            endsAt is null ? null : DateTimeOffset.Parse(endsAt, System.Globalization.CultureInfo.InvariantCulture), cycle);

        var cut = context.Render<ActiveDiscountNote>(p => p.Add(n => n.Discount, discount).Add(n => n.TimeZone, timeZone));

        Assert.Equal(expected, Normalise(cut.Find("#active-discount").TextContent));
        Assert.Equal("SPRING25", cut.Find("#active-discount").GetAttribute("data-code"));
    }

    [Fact]
    public void Without_a_code_nothing_is_shown()
    {
        var cut = context.Render<ActiveDiscountNote>(p => p.Add(n => n.Discount, null));
        Assert.Empty(cut.FindAll("#active-discount"));
        Assert.Equal("", cut.Markup.Trim());
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
