using ApexAgent.Portal.Features.Account;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Subscriptions;
using ApexAgent.Portal.Integrations.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.TestSupport;

/// <summary>
/// The real billing services on a fake clock, with the background billing run switched off (<c>Billing:ScheduleRuns</c>)
/// so that every run is the test's own.
/// </summary>
public sealed class BillingHarness : IAsyncDisposable
{
    public const string Good = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string Transient = "4000000000000119";

    /// <summary>A soft decline on every charge: retried on the dunning schedule (a hard decline is not, ADR 0020).</summary>
    public const string InsufficientFunds = "4000000000009995";

    public BillingHarness(DateTimeOffset start, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    {
        Clock = new FakeTimeProvider(start);
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Billing:ScheduleRuns"] = "false" };
        Factory = new PortalFactory(clock: Clock, settings: all, services: services);
    }

    public FakeTimeProvider Clock { get; }

    public PortalFactory Factory { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public PlanChangeService Plans => Factory.Get<PlanChangeService>();

    public PaymentMethodService Methods => Factory.Get<PaymentMethodService>();

    public BillingRun Run => Factory.Get<BillingRun>();

    public static string Token(string number, DateTimeOffset now)
    {
        var saved = SandboxCardVault.Tokenise(number, 12, now.Year + 5, "123", now);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        return saved.Value.Token;
    }

    /// <summary>A new organisation on Free with a saved card (the default).</summary>
    public async Task<TestAccount> CustomerAsync(string card = Good)
    {
        var account = await Factory.CreateAccountAsync();
        await AddCardAsync(account.Actor, card, makeDefault: true);
        return account;
    }

    public async Task AddCardAsync(Actor actor, string card, bool makeDefault)
    {
        // Sandbox tokens go to the sandbox even where Stripe is configured as the cards processor.
        var added = await Methods.AddAsync(actor, Factory.Get<PaymentProcessors>().For(SandboxPaymentProcessor.ProcessorName), Token(card, Now), makeDefault, CancellationToken.None);
        Assert.True(added.IsSuccess, added.Error?.Message);
    }

    public async Task<PlanChangeResult> ChangeAsync(Actor actor, TierCode tier, BillingCycle cycle = BillingCycle.Monthly, int seats = 1, bool applyNow = false)
    {
        var result = await Plans.ConfirmAsync(actor, new PlanChangeRequest(tier, cycle, seats, applyNow), CancellationToken.None);
        Assert.True(result.IsSuccess, $"{tier} {cycle} x{seats} at {Now:o}: {result.Error?.Code} {result.Error?.Message}");
        return result.Value;
    }

    public async Task RunAsync() => await Run.RunAsync(CancellationToken.None);

    /// <summary>Moves the clock forward one step at a time, running billing after each step.</summary>
    public async Task AdvanceAsync(TimeSpan total, TimeSpan step)
    {
        var until = Now + total;
        while (Now < until)
        {
            var next = Now + step > until ? until - Now : step;
            Clock.Advance(next);
            await RunAsync();
        }
    }

    public Task AdvanceDaysAsync(int days) => AdvanceAsync(TimeSpan.FromDays(days), TimeSpan.FromDays(1));

    public Task<T> DbAsync<T>(Func<ApexAgent.Portal.Data.PortalDbContext, Task<T>> read) => Factory.WithDbAsync(read);

    public Task<List<Invoice>> InvoicesAsync(Guid organizationId) =>
        DbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.OrganizationId == organizationId).OrderBy(i => i.CreatedAt).ToListAsync());

    public Task<List<Invoice>> AllInvoicesAsync() =>
        DbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).OrderBy(i => i.CreatedAt).ToListAsync());

    public Task<Subscription> InForceAsync(Guid organizationId) =>
        DbAsync(db => db.Subscriptions.AsNoTracking().InForce().SingleAsync(s => s.OrganizationId == organizationId));

    public Task<long> BalanceAsync(Guid organizationId) =>
        DbAsync(db => db.AccountBalanceEntries.Where(e => e.OrganizationId == organizationId).SumAsync(e => e.AmountMinor));

    public Task<List<Payment>> PaymentsAsync(Guid organizationId) =>
        DbAsync(db => db.Payments.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.CreatedAt).ToListAsync());

    public Task<List<string>> NoticesAsync(Guid organizationId, string kind) =>
        DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.OrganizationId == organizationId && n.Kind == kind).OrderBy(n => n.CreatedAt).Select(n => n.DedupeKey).ToListAsync());

    /// <summary>Every finalised number of each series and year is 1..N, no gaps, no repeats.</summary>
    public static void AssertGapless(IEnumerable<Invoice> invoices, string context = "")
    {
        var numbered = invoices.Where(i => i.Number is not null).Select(i => i.Number!).ToList();
        Assert.Equal(numbered.Count, numbered.Distinct().Count());
        foreach (var group in numbered.GroupBy(n => n[..n.LastIndexOf('-')]))
        {
            var sequence = group.Select(n => int.Parse(n[(n.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.True(Enumerable.Range(1, sequence.Count).SequenceEqual(sequence), $"{context} series {group.Key}: {string.Join(",", sequence)}");
        }
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
