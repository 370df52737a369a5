using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>
/// "Pay now" on an open invoice, and the renewal the bank refuses off-session (sandbox card 4000 0025 0000 3155): the
/// customer pays while present, confirms with their bank, and the invoice is paid once — never charged twice by the
/// billing run meanwhile, and a failure never moves the dunning schedule.
/// </summary>
public sealed class PayNowTests
{
    private const string Authenticating = "4000002500003155";
    private static readonly DateTimeOffset Start = new(2027, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_renewal_the_bank_wants_confirmed_is_paid_once_the_customer_confirms_it()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewalRefusedOffSessionAsync(world);
        var notice = await world.DbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.OrganizationId == customer.OrganizationId && n.Kind == "billing.payment_failed"));
        Assert.Contains("confirm the payment", notice.Title);
        Assert.Contains("Pay now", notice.Body);
        Assert.Equal($"/billing/invoices/{renewal.Id}", notice.Link);
        var unpaid = await world.Factory.Get<InvoicePaymentService>().OldestUnpaidAsync(customer.OrganizationId, CancellationToken.None);
        Assert.Equal((renewal.Id, true, renewal.TotalMinor), (unpaid!.InvoiceId, unpaid.NeedsConfirmation, unpaid.AmountDue.Minor));

        var first = await PayNowAsync(world, customer, renewal.Id);
        var again = await PayNowAsync(world, customer, renewal.Id);

        Assert.Equal(PayNowStatus.NeedsAuthentication, first.Value.Status);
        Assert.Equal(first.Value.PaymentId, again.Value.PaymentId); // the waiting payment is offered again, not charged again
        Assert.Equal(2, (await world.PaymentsAsync(customer.OrganizationId)).Count(p => p.InvoiceId == renewal.Id));
        Assert.Equal(InvoiceStatus.Open, (await InvoiceAsync(world, renewal.Id)).Status);
        var waiting = (await world.Factory.Get<CheckoutAuthentication>().FindAsync(customer.Actor, first.Value.PaymentId, CancellationToken.None)).Value;
        Assert.Equal((renewal.Number, renewal.TotalMinor), (waiting.InvoiceNumber, waiting.Amount.Minor));

        Assert.Equal(CheckoutOutcome.Paid, await ConfirmAsync(world, customer, first.Value.PaymentId, approve: true));

        var paid = await InvoiceAsync(world, renewal.Id);
        Assert.Equal((InvoiceStatus.Paid, paid.TotalMinor), (paid.Status, paid.AmountPaidMinor));
        var succeeded = await world.DbAsync(db => db.SandboxCharges.AsNoTracking().Where(c => c.Status == "succeeded" && c.IdempotencyKey.StartsWith($"invoice:{renewal.Id:N}")).ToListAsync());
        Assert.Equal(renewal.TotalMinor, Assert.Single(succeeded).AmountMinor);
        Assert.Single(await world.NoticesAsync(customer.OrganizationId, "billing.payment_recovered"));
        Assert.Equal("invoice_not_open", (await PayNowAsync(world, customer, renewal.Id)).Error?.Code);

        await world.AdvanceDaysAsync(8); // every retry date passes: nothing more is charged
        Assert.Equal(2, (await world.PaymentsAsync(customer.OrganizationId)).Count(p => p.InvoiceId == renewal.Id));
    }

    [Fact]
    public async Task Declining_at_the_bank_leaves_the_invoice_open_on_its_dunning_schedule_and_the_card_usable()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewalRefusedOffSessionAsync(world);
        var payment = (await PayNowAsync(world, customer, renewal.Id)).Value.PaymentId;

        Assert.Equal(CheckoutOutcome.Failed, await ConfirmAsync(world, customer, payment, approve: false));

        var open = await InvoiceAsync(world, renewal.Id);
        Assert.Equal((InvoiceStatus.Open, renewal.AttemptCount, renewal.NextAttemptAt), (open.Status, open.AttemptCount, open.NextAttemptAt));
        Assert.Equal("authentication_failed", (await world.PaymentsAsync(customer.OrganizationId)).Single(p => p.Id == payment).FailureCode);
        Assert.Null(await world.DbAsync(db => db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == customer.OrganizationId && m.Last4 == "3155").Select(m => m.DeclinedAt).SingleAsync()));
        Assert.Equal(PayNowStatus.NeedsAuthentication, (await PayNowAsync(world, customer, renewal.Id)).Value.Status); // the customer may try again at once
    }

    [Fact]
    public async Task While_the_customer_confirms_the_billing_run_does_not_charge_the_invoice_and_an_abandoned_confirmation_expires()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewalRefusedOffSessionAsync(world);
        var payment = (await PayNowAsync(world, customer, renewal.Id)).Value.PaymentId;
        await world.AddCardAsync(customer.Actor, BillingHarness.Good, makeDefault: true);

        world.Clock.SetUtcNow(renewal.NextAttemptAt!.Value.AddMinutes(1));
        await world.RunAsync();

        Assert.Equal(2, (await world.PaymentsAsync(customer.OrganizationId)).Count(p => p.InvoiceId == renewal.Id)); // no third attempt while the bank waits
        Assert.Equal(InvoiceStatus.Open, (await InvoiceAsync(world, renewal.Id)).Status);

        world.Clock.SetUtcNow(world.Now.AddHours(23));
        await world.RunAsync(); // the confirmation expires …
        Assert.Equal("authentication_expired", (await world.PaymentsAsync(customer.OrganizationId)).Single(p => p.Id == payment).FailureCode);
        await world.RunAsync(); // … and the next run charges the new default card

        Assert.Equal(InvoiceStatus.Paid, (await InvoiceAsync(world, renewal.Id)).Status);
        Assert.Single(await world.DbAsync(db => db.SandboxCharges.AsNoTracking().Where(c => c.Status == "succeeded" && c.IdempotencyKey.StartsWith($"invoice:{renewal.Id:N}")).ToListAsync()));
    }

    [Fact]
    public async Task A_past_due_subscription_recovers_when_its_invoice_is_paid_now()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewalRefusedOffSessionAsync(world);
        await world.AdvanceDaysAsync(7);
        Assert.Equal(SubscriptionStatus.PastDue, (await world.InForceAsync(customer.OrganizationId)).Status);
        Assert.Null((await InvoiceAsync(world, renewal.Id)).NextAttemptAt);

        var payment = (await PayNowAsync(world, customer, renewal.Id)).Value.PaymentId;
        Assert.Equal(CheckoutOutcome.Paid, await ConfirmAsync(world, customer, payment, approve: true));

        var recovered = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal((TierCode.Pro, SubscriptionStatus.Active), (recovered.Tier, recovered.Status));
        Assert.Equal(InvoiceStatus.Paid, (await InvoiceAsync(world, renewal.Id)).Status);
        Assert.True(await world.DbAsync(db => db.SubscriptionEvents.AsNoTracking().AnyAsync(c => c.SubscriptionId == recovered.Id && c.Kind == ApexAgent.Domain.Billing.Revenue.SubscriptionChangeKind.Recovered)));
    }

    [Fact]
    public async Task Pay_now_with_a_good_card_pays_at_once_and_a_declined_card_is_refused_without_touching_the_schedule()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewalRefusedOffSessionAsync(world);
        await world.AddCardAsync(customer.Actor, BillingHarness.Declined, makeDefault: true); // a new default card is tried at once (and declined)
        renewal = await InvoiceAsync(world, renewal.Id);

        var declined = await PayNowAsync(world, customer, renewal.Id);

        Assert.Equal(("card_declined", ApexAgent.Domain.Common.ErrorKind.PaymentRequired), (declined.Error?.Code, declined.Error?.Kind));
        Assert.Contains(renewal.Number!, declined.Error!.Message);
        var open = await InvoiceAsync(world, renewal.Id);
        Assert.Equal((InvoiceStatus.Open, renewal.AttemptCount, renewal.NextAttemptAt), (open.Status, open.AttemptCount, open.NextAttemptAt));

        await world.AddCardAsync(customer.Actor, BillingHarness.Transient, makeDefault: true); // tried at once: a processing error, so still open
        Assert.Equal(InvoiceStatus.Open, (await InvoiceAsync(world, renewal.Id)).Status);
        var paid = await PayNowAsync(world, customer, renewal.Id);

        Assert.Equal((PayNowStatus.Paid, renewal.TotalMinor, renewal.Number), (paid.Value.Status, paid.Value.Amount.Minor, paid.Value.InvoiceNumber));
        Assert.Equal(InvoiceStatus.Paid, (await InvoiceAsync(world, renewal.Id)).Status);
    }

    [Fact]
    public async Task Pay_now_is_refused_to_other_organisations_other_roles_support_views_and_invoices_with_nothing_to_pay()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewalRefusedOffSessionAsync(world);
        var stranger = await world.CustomerAsync();
        var before = await world.PaymentsAsync(customer.OrganizationId);

        Assert.Equal(ApexAgent.Domain.Common.ErrorKind.NotFound, (await PayNowAsync(world, stranger, renewal.Id)).Error?.Kind);
        Assert.Equal(ApexAgent.Domain.Common.ErrorKind.NotFound, (await PayNowAsync(world, customer, Guid.NewGuid())).Error?.Kind);
        var reader = customer.Actor with { Permissions = customer.Actor.Permissions.Where(p => p != Permission.BillingManage).ToHashSet() };
        Assert.Equal("forbidden", (await world.Factory.Get<InvoicePaymentService>().PayNowAsync(reader, renewal.Id, CancellationToken.None)).Error?.Code);
        var support = customer.Actor with { ImpersonatorUserId = "support-user" };
        Assert.Equal("read_only_view", (await world.Factory.Get<InvoicePaymentService>().PayNowAsync(support, renewal.Id, CancellationToken.None)).Error?.Code);
        var first = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose != InvoicePurpose.Renewal && i.Number != null);
        Assert.Equal(("invoice_not_open", ApexAgent.Domain.Common.ErrorKind.Conflict), ((await PayNowAsync(world, customer, first.Id)).Error?.Code, (await PayNowAsync(world, customer, first.Id)).Error?.Kind));

        Assert.Equal(before.Count, (await world.PaymentsAsync(customer.OrganizationId)).Count);
        Assert.Equal(InvoiceStatus.Open, (await InvoiceAsync(world, renewal.Id)).Status);
    }

    [Fact]
    public async Task The_api_pays_an_invoice_now_and_answers_with_the_page_where_the_bank_confirms_it()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewalRefusedOffSessionAsync(world);
        var stranger = await world.CustomerAsync();
        var api = world.Factory.ApiClient((await world.Factory.IssueKeyAsync(customer, [Permission.BillingRead, Permission.BillingManage])).Secret.Plaintext);
        var readOnlyKey = world.Factory.ApiClient((await world.Factory.IssueKeyAsync(customer, [Permission.BillingRead])).Secret.Plaintext);
        var strangerApi = world.Factory.ApiClient((await world.Factory.IssueKeyAsync(stranger, [Permission.BillingRead, Permission.BillingManage])).Secret.Plaintext);

        await ProblemAssert.IsProblemAsync(await readOnlyKey.PostAsync($"/api/v1/invoices/{renewal.Id}/pay", null), System.Net.HttpStatusCode.Forbidden, "insufficient_scope");
        await ProblemAssert.IsProblemAsync(await strangerApi.PostAsync($"/api/v1/invoices/{renewal.Id}/pay", null), System.Net.HttpStatusCode.NotFound);
        var response = await api.PostAsync($"/api/v1/invoices/{renewal.Id}/pay", null);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paymentId = body.GetProperty("paymentId").GetGuid();
        Assert.Equal("requires_authentication", body.GetProperty("status").GetString());
        Assert.Equal($"/billing/authenticate/{paymentId}", body.GetProperty("authenticateUrl").GetString());
        Assert.Equal((renewal.Number, (renewal.TotalMinor / 100m).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)), (body.GetProperty("invoiceNumber").GetString(), body.GetProperty("amount").GetProperty("amount").GetString()));

        Assert.Equal(CheckoutOutcome.Paid, await ConfirmAsync(world, customer, paymentId, approve: true));
        await ProblemAssert.IsProblemAsync(await api.PostAsync($"/api/v1/invoices/{renewal.Id}/pay", null), System.Net.HttpStatusCode.Conflict, "invoice_not_open");
        Assert.Equal(2, (await world.PaymentsAsync(customer.OrganizationId)).Count(p => p.InvoiceId == renewal.Id && p.Kind == PaymentKind.Charge));
    }

    /// <summary>A Pro customer whose card, made default after subscribing, needs 3-D Secure: the renewal fails off-session.</summary>
    private static async Task<(TestAccount Customer, Invoice Renewal)> RenewalRefusedOffSessionAsync(BillingHarness world)
    {
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        await world.AddCardAsync(customer.Actor, Authenticating, makeDefault: true);
        world.Clock.SetUtcNow(Start.AddMonths(1).AddMinutes(5));
        await world.RunAsync();
        var renewal = Assert.Single(await world.InvoicesAsync(customer.OrganizationId), i => i.Purpose == InvoicePurpose.Renewal);
        Assert.Equal((InvoiceStatus.Open, 1), (renewal.Status, renewal.AttemptCount));
        Assert.Equal("authentication_required", Assert.Single(await world.PaymentsAsync(customer.OrganizationId), p => p.InvoiceId == renewal.Id).FailureCode);
        return (customer, renewal);
    }

    private static Task<ApexAgent.Domain.Common.Result<PayNowResult>> PayNowAsync(BillingHarness world, TestAccount who, Guid invoiceId) =>
        world.Factory.Get<InvoicePaymentService>().PayNowAsync(who.Actor, invoiceId, CancellationToken.None);

    private static async Task<CheckoutOutcome> ConfirmAsync(BillingHarness world, TestAccount customer, Guid paymentId, bool approve)
    {
        var key = (await world.PaymentsAsync(customer.OrganizationId)).Single(p => p.Id == paymentId).IdempotencyKey;
        Assert.True(await ((SandboxPaymentProcessor)world.Factory.Get<PaymentProcessors>().For(SandboxPaymentProcessor.ProcessorName)).AuthenticateAsync(key, approve, CancellationToken.None));
        return (await world.Factory.Get<CheckoutAuthentication>().CompleteAsync(customer.Actor, paymentId, CancellationToken.None)).Value;
    }

    private static Task<Invoice> InvoiceAsync(BillingHarness world, Guid id) => world.DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == id));
}
