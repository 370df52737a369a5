using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Features.Audit.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace ApexAgent.Tests.Components;

public sealed class AuditComponentTests : IAsyncDisposable
{
    private readonly BunitContext context = new();

    public AuditComponentTests()
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void An_intact_log_says_so_with_the_count()
    {
        var cut = context.Render<AuditVerificationPanel>(p => p.Add(v => v.Result, new AuditVerification(Guid.NewGuid(), 1234, null)));

        Assert.Contains("Intact: 1,234 entries verified", cut.Find("#verification-result").TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-filled-success", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_log_names_the_entry_and_says_what_to_do()
    {
        var broken = new AuditVerification(Guid.NewGuid(), 6, new AuditBreak(7, AuditBreakReason.Altered, "its recorded values no longer match its hash"));

        var cut = context.Render<AuditVerificationPanel>(p => p.Add(v => v.Result, broken));

        var text = cut.Find("#verification-result").TextContent;
        Assert.Contains("Entry #7 was altered (its recorded values no longer match its hash)", text, StringComparison.Ordinal);
        Assert.Contains("The 6 entries before it are intact.", text, StringComparison.Ordinal);
        Assert.Contains("mud-alert-filled-error", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_shows_each_changed_field_before_and_after_and_a_support_view_names_both_people()
    {
        var entry = new AuditEntry
        {
            Sequence = 12,
            OccurredAt = new DateTimeOffset(2026, 5, 31, 9, 30, 0, TimeSpan.Zero),
            Action = AuditActions.MemberRoleChanged,
            ActorUserId = "customer",
            ActorLabel = "ada@example.com",
            ImpersonatorUserId = "staff",
            ImpersonatorLabel = "sam@apexagent.dev",
            Reason = "Ticket 42",
            EntityType = "Membership",
            EntityId = "m-1",
            Before = "{\"role\":\"Member\",\"unitId\":null}",
            After = "{\"role\":\"Admin\",\"unitId\":\"u-7\"}",
            IpAddress = "198.51.100.2",
            PreviousHash = new string('a', 64),
            Hash = new string('b', 64),
        };

        var cut = context.Render<AuditEntryDetails>(p => p.Add(d => d.Entry, entry).Add(d => d.TimeZone, "Europe/Berlin"));

        var rows = cut.FindAll(".audit-changes tbody tr").Select(r => r.TextContent.Replace("\n", "", StringComparison.Ordinal).Trim()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Member", cut.Find(".audit-changes tbody tr .audit-before").TextContent, StringComparison.Ordinal);
        Assert.Contains("Admin", cut.Find(".audit-changes tbody tr .audit-after").TextContent, StringComparison.Ordinal);
        Assert.Contains("(none)", cut.FindAll(".audit-before")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Support: sam@apexagent.dev for ada@example.com — Ticket 42", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("198.51.100.2", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("May 31, 2026 11:30 AM (Europe/Berlin)", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_round_trip_through_the_address_and_dates_are_whole_days_in_the_readers_zone()
    {
        var filter = AuditLogFilter.Parse("apikey.created", " ada@ ", "2026-03-01", "2026-03-31", null, null);

        var query = filter.ToQuery(2, 25, "Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)), query.From);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)), query.To); // summer time began on March 29
        Assert.Equal(("apikey.created", "ada@", 2, 25), (query.Action, query.Actor, query.Page, query.PageSize));
        var address = filter.ToAddress();
        Assert.Equal(filter, AuditLogFilter.Parse((string?)address["action"], (string?)address["actor"], (string?)address["from"], (string?)address["to"], (string?)address["org"], address["all"] is "true"));
        Assert.Equal(AuditLogFilter.None, AuditLogFilter.Parse(null, "  ", "31/03/2026", "", "not-a-guid", false));
        Assert.True(AuditLogFilter.None.IsEmpty);
        Assert.False(filter.IsEmpty);
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
