using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Billing.Reconciliation;
using ApexAgent.Portal.Features.Tax;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>
/// The staff APIs for what was page-only: payment reconciliation (list, resolve, run) and tax exemption review (list,
/// approve, reject), used with a platform admin's key carrying <c>billing.operate</c>; audited as the pages are.
/// </summary>
public sealed class StaffReviewApiTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

    [Fact]
    public async Task Staff_list_reconciliation_mismatches_by_days_and_status_resolve_one_with_a_note_once_and_run_a_day()
    {
        var (staff, client) = await StaffAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var open = await MismatchAsync(today.AddDays(-2), resolved: false);
        var old = await MismatchAsync(today.AddDays(-40), resolved: false);
        var done = await MismatchAsync(today.AddDays(-3), resolved: true);

        var recent = await ListAsync(client, "");
        Assert.Contains(open, recent);
        Assert.DoesNotContain(old, recent);   // the default is the last 30 days
        Assert.DoesNotContain(done, recent);  // and open ones
        var all = await ListAsync(client, $"?from={today.AddDays(-60):yyyy-MM-dd}&to={today:yyyy-MM-dd}&status=all");
        Assert.Equal(3, new[] { open, old, done }.Count(all.Contains));
        var resolvedOnly = await ListAsync(client, $"?from={today.AddDays(-60):yyyy-MM-dd}&status=resolved");
        Assert.Contains(done, resolvedOnly);
        Assert.DoesNotContain(open, resolvedOnly);

        foreach (var bad in new[] { "?from=yesterday", "?to=2026-13-01", $"?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}", $"?from={today.AddDays(-500):yyyy-MM-dd}", "?status=closed" })
        {
            await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/admin/billing/reconciliation" + bad), HttpStatusCode.BadRequest, "validation_failed");
        }

        // Resolve: a note is required, an unknown id is 404, resolving twice is 409; bad requests change nothing.
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/billing/reconciliation/{open}/resolve", new { note = "  " }), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await client.PostAsync($"/api/v1/admin/billing/reconciliation/{open}/resolve", JsonContent.Create(new { })), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/billing/reconciliation/{Guid.NewGuid()}/resolve", new { note = "Checked at the processor." }), HttpStatusCode.NotFound, "reconciliation_mismatch_not_found");
        Assert.Null(await portal.Factory.WithDbAsync(db => db.ReconciliationMismatches.Where(m => m.Id == open).Select(m => m.ResolvedAt).SingleAsync()));

        var resolved = await client.PostAsJsonAsync($"/api/v1/admin/billing/reconciliation/{open}/resolve", new { note = "Refunded by hand at the processor." });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var body = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("resolved", staff.Email, "Refunded by hand at the processor."), (body.GetProperty("status").GetString(), body.GetProperty("resolvedBy").GetString(), body.GetProperty("resolutionNote").GetString()));
        Assert.Equal("12.34", body.GetProperty("ours").GetProperty("amount").GetString());
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/billing/reconciliation/{open}/resolve", new { note = "Again." }), HttpStatusCode.Conflict, "already_resolved");
        var audit = await portal.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.ReconciliationMismatchResolved && e.EntityId == open.ToString()).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Contains("Refunded by hand", entry.After, StringComparison.Ordinal);
        Assert.Equal(staff.UserId, entry.ActorUserId);
        Assert.NotNull(entry.ApiKeyId);

        // Run a day by hand; a future or malformed day is refused and runs nothing.
        var runsBefore = await portal.Factory.WithDbAsync(db => db.ReconciliationRuns.CountAsync());
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/billing/reconciliation/run", new { day = today.AddDays(1).ToString("yyyy-MM-dd") }), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/billing/reconciliation/run", new { day = "last tuesday" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(runsBefore, await portal.Factory.WithDbAsync(db => db.ReconciliationRuns.CountAsync()));
        var run = await client.PostAsJsonAsync("/api/v1/admin/billing/reconciliation/run", new { day = today.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var ran = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((today.ToString("yyyy-MM-dd"), staff.Email), (ran.GetProperty("day").GetString(), ran.GetProperty("startedBy").GetString()));
        Assert.Contains("sandbox", ran.GetProperty("processors").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(runsBefore + 1, await portal.Factory.WithDbAsync(db => db.ReconciliationRuns.CountAsync()));
        var yesterday = await client.PostAsync("/api/v1/admin/billing/reconciliation/run", JsonContent.Create(new { }));
        Assert.Equal(today.AddDays(-1).ToString("yyyy-MM-dd"), (await yesterday.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("day").GetString());
    }

    [Fact]
    public async Task Staff_review_tax_exemptions_by_status_approve_or_reject_with_a_reason_once()
    {
        var (staff, client) = await StaffAsync();
        var customer = await portal.Factory.CreateAccountAsync();
        var exemptions = portal.Factory.Get<TaxExemptionService>();
        var first = (await exemptions.SubmitAsync(customer.Actor, "US-NY", "NY-ST-120-1", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1), "certificate.pdf", new MemoryStream(Pdf), CancellationToken.None)).Value.Id;
        var second = (await exemptions.SubmitAsync(customer.Actor, "US-TX", "TX-01-339", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1), "certificate.pdf", new MemoryStream(Pdf), CancellationToken.None)).Value.Id;

        var pending = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/tax/exemptions");
        var listed = pending.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == first);
        Assert.Equal(("pending", "NY-ST-120-1", customer.OrganizationId), (listed.GetProperty("status").GetString(), listed.GetProperty("certificateNumber").GetString(), listed.GetProperty("organizationId").GetGuid()));
        Assert.Equal($"/api/v1/admin/tax/exemptions/{first}/document", listed.GetProperty("documentUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(listed.GetProperty("documentUrl").GetString())).StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/admin/tax/exemptions?status=maybe"), HttpStatusCode.BadRequest, "validation_failed");

        // Reject needs a reason; unknown ids are 404; nothing changes on a refusal.
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/tax/exemptions/{second}/reject", new { reason = " " }), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/tax/exemptions/{second}/reject", new { reason = new string('x', 501) }), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/tax/exemptions/{Guid.NewGuid()}/approve", new { }), HttpStatusCode.NotFound, "tax_exemption_not_found");
        Assert.Equal(TaxExemptionStatus.Pending, await portal.Factory.WithDbAsync(db => db.TaxExemptionCertificates.Where(c => c.Id == second).Select(c => c.Status).SingleAsync()));

        var approved = await client.PostAsJsonAsync($"/api/v1/admin/tax/exemptions/{first}/approve", new { });
        Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var rejected = await client.PostAsJsonAsync($"/api/v1/admin/tax/exemptions/{second}/reject", new { reason = "The certificate is not signed." });
        var rejectedBody = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("rejected", "The certificate is not signed."), (rejectedBody.GetProperty("status").GetString(), rejectedBody.GetProperty("reviewNote").GetString()));
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/tax/exemptions/{first}/reject", new { reason = "Changed my mind." }), HttpStatusCode.Conflict, "tax_exemption_already_reviewed");

        var nowPending = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/tax/exemptions?status=pending");
        Assert.DoesNotContain(nowPending.EnumerateArray(), e => e.GetProperty("id").GetGuid() is var id && (id == first || id == second));
        var rejectedList = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/tax/exemptions?status=rejected");
        Assert.Contains(rejectedList.EnumerateArray(), e => e.GetProperty("id").GetGuid() == second);
        var audit = await portal.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.TaxExemptionReviewed && (e.EntityId == first.ToString() || e.EntityId == second.ToString())).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal((staff.UserId, true), (e.ActorUserId, e.ApiKeyId is not null)));
        Assert.Contains(await portal.Factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.OrganizationId == customer.OrganizationId).Select(n => n.Body).ToListAsync()),
            b => b.Contains("The certificate is not signed.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Customers_and_support_staff_cannot_use_the_staff_review_apis()
    {
        var customer = await portal.Factory.CreateAccountAsync(role: null);
        var support = await portal.Factory.CreateAccountAsync(role: PlatformRole.Support);
        var mismatch = await MismatchAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), resolved: false);
        foreach (var account in new[] { customer, support })
        {
            var key = await portal.Factory.IssueKeyAsync(account); // every scope the account may carry
            var client = portal.Factory.ApiClient(key.Secret.Plaintext);
            await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/admin/billing/reconciliation"), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/billing/reconciliation/{mismatch}/resolve", new { note = "Not mine to resolve." }), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/billing/reconciliation/run", new { }), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/admin/tax/exemptions"), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/tax/exemptions/{Guid.NewGuid()}/approve", new { }), HttpStatusCode.Forbidden);
            Assert.False(account.Actor.Can(Permission.BillingOperate));
            Assert.Equal(ErrorKind.Forbidden, (await portal.Factory.Get<PaymentReconciliation>().ResolveAsync(account.Actor, mismatch, "Not mine to resolve.", CancellationToken.None)).Error!.Kind);
        }

        Assert.Null(await portal.Factory.WithDbAsync(db => db.ReconciliationMismatches.Where(m => m.Id == mismatch).Select(m => m.ResolvedAt).SingleAsync()));
    }

    private async Task<(TestAccount Staff, HttpClient Client)> StaffAsync()
    {
        var staff = await portal.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var key = await portal.Factory.IssueKeyAsync(staff, [Permission.BillingOperate]);
        return (staff, portal.Factory.ApiClient(key.Secret.Plaintext));
    }

    private static async Task<List<Guid>> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/admin/billing/reconciliation" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
    }

    private Task<Guid> MismatchAsync(DateOnly day, bool resolved) => portal.Factory.WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var run = new ReconciliationRun { Id = Guid.NewGuid(), Day = day, StartedAt = now, StartedBy = "schedule", Processors = "sandbox", Compared = 1, Mismatches = 1 };
        var mismatch = new ReconciliationMismatch
        {
            Id = Guid.NewGuid(), RunId = run.Id, Day = day, Processor = "sandbox", Kind = ReconciliationMismatchKind.AmountDiffers, ProcessorPaymentId = $"sbx_ch_{Guid.NewGuid():N}",
            OurAmountMinor = 12_34, TheirAmountMinor = 12_00, CurrencyCode = "USD", Detail = "We charged $12.34; the processor has $12.00.", FoundAt = now,
            ResolvedAt = resolved ? now : null, ResolvedBy = resolved ? "ops@apexagent.dev" : null, ResolutionNote = resolved ? "Fixed." : null,
        };
        db.ReconciliationRuns.Add(run);
        db.ReconciliationMismatches.Add(mismatch);
        await db.SaveChangesAsync();
        return mismatch.Id;
    });
}
