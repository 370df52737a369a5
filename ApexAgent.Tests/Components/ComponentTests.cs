using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Components.Shared;
using ApexAgent.Portal.Features.Dashboard;
using ApexAgent.Portal.Features.Dashboard.Components;
using ApexAgent.Tests.Domain;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace ApexAgent.Tests.Components;

public sealed class ComponentTests : IAsyncDisposable
{
    private readonly BunitContext context = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public ComponentTests()
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton<TimeProvider>(clock);
    }

    [Fact]
    public void An_empty_state_says_what_will_appear_and_offers_the_first_action()
    {
        var cut = context.Render<EmptyState>(p => p
            .Add(e => e.Icon, MudBlazor.Icons.Material.Outlined.Key)
            .Add(e => e.Title, "No API keys yet — create one")
            .Add(e => e.Text, "A key lets a script call the API.")
            .AddChildContent("<button id=\"first\">Create your first key</button>"));

        Assert.Contains("No API keys yet — create one", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("A key lets a script call the API.", cut.Markup, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("button#first"));
        Assert.Equal("status", cut.Find(".empty-state").GetAttribute("role"));
    }

    [Theory]
    [InlineData(-3, "3 minutes ago")]
    [InlineData(-90, "2 hours ago")]
    [InlineData(0, "just now")]
    [InlineData(60 * 24 * 3, "in 3 days")]
    public void Relative_times_read_naturally_and_keep_the_exact_time_at_hand(int minutesFromNow, string expected)
    {
        var value = clock.GetUtcNow().AddMinutes(minutesFromNow);

        var cut = context.Render<PopoverHost>(p => p.AddChildContent<RelativeTime>(r => r.Add(t => t.Value, value).Add(t => t.TimeZone, "Europe/Berlin")));

        Assert.Equal(expected, cut.Find(".relative-time").TextContent);
    }

    [Fact]
    public void A_missing_time_shows_the_empty_text()
    {
        var cut = context.Render<RelativeTime>(p => p.Add(t => t.Value, null).Add(t => t.Empty, "never"));

        Assert.Contains("never", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_facts_mark_what_the_free_plan_lacks()
    {
        var cut = context.Render<PlanFacts>(p => p.Add(f => f.Tier, TestTiers.Free));

        var items = cut.FindAll("li");
        var liveKeys = items.Single(li => li.TextContent.Contains("Live REST API keys", StringComparison.Ordinal));
        var baseCredits = items.Single(li => li.TextContent.Contains("Base credits each period", StringComparison.Ordinal));
        Assert.Contains("Test keys only", liveKeys.TextContent, StringComparison.Ordinal);
        Assert.Contains("1,000", baseCredits.TextContent, StringComparison.Ordinal);
        Assert.Equal(["First-period bonus", "Bring your own provider keys", "Live REST API keys"], cut.FindAll("li.excluded strong").Select(s => s.TextContent).ToArray());
    }

    [Fact]
    public void The_allowance_chart_adds_base_daily_and_bonus_credits_for_the_period()
    {
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        var cut = context.Render<CreditAllowanceChart>(p => p
            .Add(c => c.Tier, TestTiers.Team)
            .Add(c => c.Seats, 3)
            .Add(c => c.PeriodStart, start)
            .Add(c => c.PeriodEnd, start.AddDays(30)));

        // Team, 3 seats: base 3 × 8,000; daily (500 + 3 × 100) × 30; bonus 3 × 2,000.
        var expectedTotal = (3 * 8_000) + ((500 + 300) * 30) + (3 * 2_000);
        Assert.Contains($"Up to {expectedTotal:N0} credits in total", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Daily × 30: 24,000", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_without_credits_shows_an_empty_state_instead_of_a_chart()
    {
        var empty = TestTiers.Free with { Terms = TestTiers.Free.Terms with { BaseCredits = 0, DailyRefreshCredits = 0 } };

        var cut = context.Render<CreditAllowanceChart>(p => p.Add(c => c.Tier, empty).Add(c => c.PeriodStart, clock.GetUtcNow()).Add(c => c.PeriodEnd, clock.GetUtcNow().AddDays(30)));

        Assert.Contains("No included credits", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("svg.mud-chart-donut, .mud-chart svg"));
    }

    [Fact]
    public void Getting_started_counts_the_steps_done()
    {
        IReadOnlyList<DashboardView.ChecklistStep> steps =
        [
            new("Confirm your email address", true, "/a"),
            new("Add your billing details", false, "/b"),
            new("Turn on two-factor sign-in", true, "/c"),
            new("Create your first API key", false, "/d"),
        ];

        var cut = context.Render<PopoverHost>(p => p.AddChildContent<GettingStarted>(g => g.Add(x => x.Steps, steps)));

        Assert.Contains("2 of 4 done", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll(".checklist-done").Count);
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
