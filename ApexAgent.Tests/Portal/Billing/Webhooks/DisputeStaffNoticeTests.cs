using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Features.Billing.Webhooks;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing.Webhooks;

/// <summary>
/// A dispute reaches the staff who operate billing: one notification in the bell and one email per platform admin, with
/// amount, organisation, reason and respond-by date — once per dispute however often the event comes — and again when it
/// is closed. Support staff and customers get no staff notice. Through the real webhook endpoints.
/// </summary>
public sealed class DisputeStaffNoticeTests(WebhookWorld world) : IClassFixture<WebhookWorld>
{
    private DateTimeOffset Now => world.Billing.Now;

    [Fact]
    public async Task A_Stripe_dispute_tells_each_platform_admin_once_with_amount_organisation_reason_and_respond_by_date_then_its_loss()
    {
        var admins = new[] { await world.Billing.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin), await world.Billing.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin) };
        var support = await world.Billing.Factory.CreateAccountAsync(role: PlatformRole.Support);
        var intent = WebhookWorld.NewId("pi_");
        var (customer, invoice, _) = await world.PaidAsync("stripe", intent);
        var organization = await world.Billing.DbAsync(db => db.Organizations.Where(o => o.Id == customer.OrganizationId).Select(o => o.Name).SingleAsync());
        var disputeId = WebhookWorld.NewId("dp_");
        var dueBy = new DateTimeOffset(2027, 3, 15, 23, 59, 59, TimeSpan.Zero);
        var created = WebhookWorld.StripeEvent("charge.dispute.created", StripeDispute(disputeId, intent, 1250, "needs_response", dueBy), Now);

        // Delivered three times, twice at once, and once more under another event id: one dispute, one notice each.
        Assert.Equal("applied", await world.StripeOkAsync(created));
        await Task.WhenAll(world.StripeOkAsync(created), world.StripeOkAsync(created));
        Assert.Equal("ignored", await world.StripeOkAsync(WebhookWorld.StripeEvent("charge.dispute.created", StripeDispute(disputeId, intent, 1250, "needs_response", dueBy), Now)));

        var dispute = await world.Billing.DbAsync(db => db.PaymentDisputes.AsNoTracking().SingleAsync(d => d.ProcessorDisputeId == disputeId));
        foreach (var admin in admins)
        {
            var notice = Assert.Single(await StaffNoticesAsync(admin.UserId, $"dispute_opened:{dispute.Id:N}"));
            Assert.Equal(("staff.dispute_opened", StaffNotices.StaffInbox, DisputeAlerts.Link), (notice.Kind, notice.OrganizationId, notice.Link));
            Assert.Contains("$12.50", notice.Title);
            Assert.Contains(organization, notice.Title);
            Assert.Contains("$12.50", notice.Body);
            Assert.Contains(invoice.Number!, notice.Body);
            Assert.Contains("fraudulent", notice.Body);
            Assert.Contains("Respond by 15 Mar 2027, 23:59 UTC", notice.Body);
            Assert.Contains(disputeId, notice.Body);

            // In the bell wherever the admin is, and by email once.
            var bell = await world.Billing.Factory.Get<NotificationCenter>().RecentAsync(admin.UserId, admin.OrganizationId, 50, CancellationToken.None);
            Assert.Contains(bell, n => n.Id == notice.Id);
            Assert.Single(await EmailsAsync(admin.Email, notice.Title));
        }

        Assert.Empty(await StaffNoticesAsync(support.UserId, $"dispute_opened:{dispute.Id:N}"));
        Assert.Empty(await StaffNoticesAsync(customer.UserId, $"dispute_opened:{dispute.Id:N}"));
        Assert.Single(await world.Billing.NoticesAsync(customer.OrganizationId, "billing.dispute_opened")); // the customer's own notice is unchanged

        var closed = WebhookWorld.StripeEvent("charge.dispute.closed", StripeDispute(disputeId, intent, 1250, "lost", dueBy), Now.AddDays(10));
        Assert.Equal("applied", await world.StripeOkAsync(closed));
        Assert.Equal("applied", await world.StripeOkAsync(closed)); // the same delivery again: acknowledged, nothing new
        foreach (var admin in admins)
        {
            var notice = Assert.Single(await StaffNoticesAsync(admin.UserId, $"dispute_closed:{dispute.Id:N}"));
            Assert.Equal("staff.dispute_closed", notice.Kind);
            Assert.StartsWith("Dispute lost: $12.50", notice.Title);
            Assert.Contains("written off", notice.Body);
            Assert.Single(await EmailsAsync(admin.Email, notice.Title));
        }

        Assert.Empty(await StaffNoticesAsync(support.UserId, $"dispute_closed:{dispute.Id:N}"));
    }

    [Fact]
    public async Task A_PayPal_dispute_tells_platform_admins_with_the_sellers_response_date_and_that_it_was_won()
    {
        var admin = await world.Billing.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var capture = "CAP" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant();
        var (customer, _, _) = await world.PaidAsync("paypal", capture);
        var disputeId = "PP-D-" + Guid.NewGuid().ToString("N")[..8];
        var dispute = new
        {
            dispute_id = disputeId,
            reason = "MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
            status = "OPEN",
            dispute_amount = new { currency_code = "USD", value = "20.00" },
            seller_response_due_date = "2027-03-21T08:00:00.000Z",
            disputed_transactions = new[] { new { seller_transaction_id = capture } },
            dispute_outcome = new { outcome_code = "RESOLVED_SELLER_FAVOUR" },
        };
        var opened = WebhookWorld.PayPalEvent("CUSTOMER.DISPUTE.CREATED", dispute);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await world.PostPayPalAsync(opened)).IsSuccessStatusCode);
        }

        var recorded = await world.Billing.DbAsync(db => db.PaymentDisputes.AsNoTracking().SingleAsync(d => d.ProcessorDisputeId == disputeId));
        Assert.Equal(customer.OrganizationId, recorded.OrganizationId);
        var notice = Assert.Single(await StaffNoticesAsync(admin.UserId, $"dispute_opened:{recorded.Id:N}"));
        Assert.Contains("$20.00", notice.Body);
        Assert.Contains("merchandise or service not received", notice.Body);
        Assert.Contains("Respond by 21 Mar 2027, 08:00 UTC in PayPal's dashboard", notice.Body);

        Assert.True((await world.PostPayPalAsync(WebhookWorld.PayPalEvent("CUSTOMER.DISPUTE.RESOLVED", dispute))).IsSuccessStatusCode);
        var won = Assert.Single(await StaffNoticesAsync(admin.UserId, $"dispute_closed:{recorded.Id:N}"));
        Assert.StartsWith("Dispute won: $20.00", won.Title);
        Assert.Contains("the payment stands", won.Body);
    }

    [Fact]
    public async Task A_dispute_event_that_is_refused_or_waiting_tells_nobody()
    {
        var admin = await world.Billing.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var before = await world.Billing.DbAsync(db => db.Notifications.CountAsync(n => n.UserId == admin.UserId));
        var intent = WebhookWorld.NewId("pi_");
        var json = WebhookWorld.StripeEvent("charge.dispute.created", StripeDispute(WebhookWorld.NewId("dp_"), intent, 900, "needs_response", Now.AddDays(7)), Now);

        // A forged signature changes nothing; a dispute of a payment not settled here waits, and tells nobody yet.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await world.PostStripeAsync(json, secret: "whsec_wrong_secret_000000")).StatusCode);
        Assert.Equal("waiting", await world.StripeOkAsync(json));
        Assert.Equal(before, await world.Billing.DbAsync(db => db.Notifications.CountAsync(n => n.UserId == admin.UserId)));
    }

    private static object StripeDispute(string id, string intentId, long amount, string status, DateTimeOffset dueBy) => new
    {
        id,
        @object = "dispute",
        amount,
        currency = "usd",
        charge = "ch_" + intentId[3..],
        payment_intent = intentId,
        reason = "fraudulent",
        status,
        evidence_details = new { due_by = dueBy.ToUnixTimeSeconds(), has_evidence = false, submission_count = 0 },
    };

    private Task<List<Notification>> StaffNoticesAsync(string userId, string eventKey) =>
        world.Billing.DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.DedupeKey == $"staff:{eventKey}:{userId}").ToListAsync());

    private Task<List<string>> EmailsAsync(string to, string subject) =>
        world.Billing.DbAsync(db => db.EmailOutbox.AsNoTracking().Where(m => m.To == to && m.Subject == subject).Select(m => m.Subject).ToListAsync());
}
