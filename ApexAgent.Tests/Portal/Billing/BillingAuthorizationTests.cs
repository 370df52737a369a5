using System.Net;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.TestClock;
using ApexAgent.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>Who may read and change billing: owners change it, admins read it, managers and members do neither; staff and support views change nothing.</summary>
public sealed class BillingAuthorizationTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Theory]
    [InlineData("member", false, false)]
    [InlineData("manager", false, false)]
    [InlineData("admin", true, false)]
    [InlineData("owner", true, true)]
    public async Task Each_role_reads_and_changes_billing_as_designed(string role, bool reads, bool changes)
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var account = role switch { "member" => s.EngineeringMember, "manager" => s.EngineeringManager, "admin" => s.Admin, _ => s.Owner };
        var client = await BillingApiClient.ForAsync(Factory, account);
        var books = await Factory.WithDbAsync(db => Task.FromResult(db.Subscriptions.Count(x => x.OrganizationId == s.OrganizationId)));

        foreach (var path in new[] { "/api/v1/subscription", "/api/v1/invoices", "/api/v1/invoices/export", "/api/v1/payments", "/api/v1/payment-methods" })
        {
            var response = await client.Http.GetAsync(path);
            if (reads)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} GET {path}: {(int)response.StatusCode}");
            }
            else
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "insufficient_scope");
            }
        }

        var writes = new (string Path, string Body)[]
        {
            ("/api/v1/subscription/preview", """{ "tier": "team", "cycle": "annual", "seats": 10 }"""),
            ("/api/v1/subscription/change", """{ "tier": "team", "cycle": "annual", "seats": 10 }"""),
            ("/api/v1/subscription/cancel", "{}"),
            ("/api/v1/payment-methods", """{ "token": "sbx_pm_nothing" }"""),
            ("/api/v1/sandbox/card-tokens", """{ "number": "4242424242424242", "expMonth": 1, "expYear": 2099, "cvc": "123" }"""),
        };
        foreach (var (path, body) in writes)
        {
            var response = await client.PostAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            if (changes)
            {
                Assert.True((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.Forbidden, $"{role} POST {path}: {(int)response.StatusCode} {text}");
            }
            else
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "insufficient_scope");
            }
        }

        Assert.Equal(books, await Factory.WithDbAsync(db => Task.FromResult(db.Subscriptions.Count(x => x.OrganizationId == s.OrganizationId))));
    }

    [Fact]
    public async Task A_key_without_the_billing_scopes_is_refused_even_for_an_owner()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        var key = await Factory.IssueKeyAsync(owner, [Permission.OrganizationRead]);
        var client = Factory.ApiClient(key.Secret.Plaintext);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/subscription"), HttpStatusCode.Forbidden, "insufficient_scope");
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/v1/subscription/cancel", BillingApiClient.Json("{}")), HttpStatusCode.Forbidden, "insufficient_scope");
        var readOnly = Factory.ApiClient((await Factory.IssueKeyAsync(owner, [Permission.BillingRead])).Secret.Plaintext);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/v1/subscription")).StatusCode);
        await ProblemAssert.IsProblemAsync(await readOnly.PostAsync("/api/v1/subscription/cancel", BillingApiClient.Json("{}")), HttpStatusCode.Forbidden, "insufficient_scope");
        await ProblemAssert.IsProblemAsync(await Factory.ApiClient().GetAsync("/api/v1/invoices"), HttpStatusCode.Unauthorized, "missing_api_key");
    }

    /// <summary>
    /// Staff permissions never travel on an API key (PermissionTests), so no key reaches the test clock today: even a
    /// platform admin's key with every scope is refused, and the clock does not move.
    /// </summary>
    [Fact]
    public async Task Only_a_platform_admins_key_with_billing_operate_moves_the_test_clock()
    {
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var customer = await Factory.CreateAccountAsync();
        var withoutScope = Factory.ApiClient((await Factory.IssueKeyAsync(staff, [Permission.ProfileRead])).Secret.Plaintext);
        var customerKey = Factory.ApiClient((await Factory.IssueKeyAsync(customer)).Secret.Plaintext);
        var offset = Factory.Get<TestClock>().Offset;

        await ProblemAssert.IsProblemAsync(await withoutScope.PostAsync("/api/v1/test-clock/advance", BillingApiClient.Json("""{ "days": 1 }""")), HttpStatusCode.Forbidden, "insufficient_scope");
        await ProblemAssert.IsProblemAsync(await customerKey.PostAsync("/api/v1/test-clock/advance", BillingApiClient.Json("""{ "days": 1 }""")), HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Equal(offset, Factory.Get<TestClock>().Offset);

        var operatorKey = Factory.ApiClient((await Factory.IssueKeyAsync(staff, [Permission.BillingOperate])).Secret.Plaintext);
        var moved = await operatorKey.PostAsync("/api/v1/test-clock/advance", BillingApiClient.Json("""{ "days": 1 }"""));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(offset + TimeSpan.FromDays(1), Factory.Get<TestClock>().Offset);
    }

    [Fact]
    public async Task A_read_only_support_view_changes_no_plan_card_or_cancellation()
    {
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.SubscribeToProAsync();
        var before = await customer.BooksAsync();
        var viewer = customer.Account.Actor with { ImpersonatorUserId = "support-user", ImpersonationId = Guid.NewGuid() };
        Assert.True(viewer.Can(Permission.BillingManage));

        var plans = Factory.Get<PlanChangeService>();
        var methods = Factory.Get<PaymentMethodService>();
        var refusals = new[]
        {
            (await plans.ConfirmAsync(viewer, new PlanChangeRequest(TierCode.Team, BillingCycle.Monthly, 2), CancellationToken.None)).Error,
            (await plans.CancelAsync(viewer, CancellationToken.None)).Error,
            (await plans.ResumeAsync(viewer, CancellationToken.None)).Error,
            (await methods.AddAsync(viewer, "sbx_pm_ok_4242_1299_0000000000000000", true, CancellationToken.None)).Error,
            (await methods.RemoveAsync(viewer, Guid.NewGuid(), CancellationToken.None)).Error,
        };

        Assert.All(refusals, e => Assert.Equal("read_only_view", e?.Code));
        Assert.Equal(before, await customer.BooksAsync());
    }

    [Fact]
    public async Task The_test_clock_refuses_bad_moves_before_touching_time()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<TestClockService>();
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var offset = Factory.Get<TestClock>().Offset;

        var moves = new[]
        {
            new TestClockAdvance(Days: -1),
            new TestClockAdvance(Days: 0),
            new TestClockAdvance(Days: 100_000),
            new TestClockAdvance(To: Factory.Get<TimeProvider>().GetUtcNow().AddDays(-1)),
            new TestClockAdvance(Days: 1, To: Factory.Get<TimeProvider>().GetUtcNow().AddDays(2)),
            new TestClockAdvance(),
        };
        foreach (var move in moves)
        {
            var result = await clock.AdvanceAsync(staff.Actor, move, CancellationToken.None);
            Assert.Equal("validation_failed", result.Error?.Code);
        }

        Assert.Equal("forbidden", (await clock.AdvanceAsync(customerActor(), new TestClockAdvance(Days: 1), CancellationToken.None)).Error?.Code);
        Assert.Equal(offset, Factory.Get<TestClock>().Offset);

        Actor customerActor() => staff.Actor with { Permissions = new HashSet<string>(Permission.Customer) };
    }
}
