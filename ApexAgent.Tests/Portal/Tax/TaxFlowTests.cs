using System.Text;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Domain.Tax;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Credits.Purchases;
using ApexAgent.Portal.Features.Tax;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Tax;

/// <summary>The tax step through real flows on the fake clock: plan changes, renewals, packs, exemptions and the report.</summary>
public sealed class TaxFlowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

    private static async Task SetDetailsAsync(BillingHarness world, TestAccount account, string country, string? region = null, TaxCustomerStatus type = TaxCustomerStatus.Individual, string? taxId = null)
    {
        var saved = await world.Factory.Get<BillingDetailsService>().SaveAsync(account.Actor,
            new BillingDetails { BillingName = "Acme", Country = country, Region = region, CustomerType = type, TaxId = taxId }, CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
    }

    private static List<InvoiceLine> TaxLines(Invoice invoice) => invoice.Lines.Where(l => InvoiceLineKind.IsTax(l.Kind)).ToList();

    [Fact]
    public async Task Leaving_early_gives_back_the_tax_that_was_charged_not_tax_at_a_new_address()
    {
        await using var world = new BillingHarness(Start);
        var german = await world.CustomerAsync();
        await SetDetailsAsync(world, german, "DE");
        await world.ChangeAsync(german.Actor, TierCode.Pro);       // $20.00 + 19% VAT
        var untaxed = await world.CustomerAsync();
        await SetDetailsAsync(world, untaxed, "US", "CA");          // California does not tax SaaS
        await world.ChangeAsync(untaxed.Actor, TierCode.Pro);
        await SetDetailsAsync(world, untaxed, "DE");                // then moves to Germany
        world.Clock.Advance(TimeSpan.FromDays(15));

        var germanCancel = await world.ChangeAsync(german.Actor, TierCode.Free, applyNow: true);
        var untaxedCancel = await world.ChangeAsync(untaxed.Actor, TierCode.Free, applyNow: true);

        var germanCredit = (await world.InvoicesAsync(german.OrganizationId)).Single(i => i.Id == germanCancel.InvoiceId);
        var unused = germanCredit.Lines.Single(l => l.Kind == InvoiceLineKind.UnusedTime).AmountMinor;
        var vat = Assert.Single(TaxLines(germanCredit));
        Assert.Equal(((long)Math.Round(unused * 380m / 2000m, MidpointRounding.AwayFromZero), "DE", 0.19m), (vat.AmountMinor, vat.TaxJurisdiction, vat.TaxRate));
        Assert.True(vat.AmountMinor < 0);
        var noTaxPaid = (await world.InvoicesAsync(untaxed.OrganizationId)).Single(i => i.Id == untaxedCancel.InvoiceId);
        Assert.Empty(TaxLines(noTaxPaid)); // no tax was charged for the period, so none comes back
        Assert.Equal(noTaxPaid.Lines.Single(l => l.Kind == InvoiceLineKind.UnusedTime).AmountMinor, noTaxPaid.TotalMinor);
    }

    [Fact]
    public async Task Germany_a_plan_change_preview_shows_the_vat_its_invoice_charges_and_renewals_carry_it()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await SetDetailsAsync(world, customer, "DE");

        var quote = await world.Plans.PreviewAsync(customer.Actor, new PlanChangeRequest(TierCode.Pro, BillingCycle.Monthly), CancellationToken.None);
        Assert.True(quote.IsSuccess, quote.Error?.Message);
        var quotedTax = Assert.Single(quote.Value.Lines, l => l.Kind == InvoiceLineKind.Tax);
        Assert.Equal("VAT 19% (Germany)", quotedTax.Description);

        var changed = await world.ChangeAsync(customer.Actor, TierCode.Pro);
        var first = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == changed.InvoiceId);
        var invoiced = Assert.Single(TaxLines(first));
        Assert.Equal((quotedTax.AmountMinor, quote.Value.Total.Minor), (invoiced.AmountMinor, first.TotalMinor));
        Assert.Equal(("DE", 0.19m), (invoiced.TaxJurisdiction, invoiced.TaxRate));
        var untaxed = first.Lines.Where(l => !InvoiceLineKind.IsTax(l.Kind) && l.Kind != InvoiceLineKind.AccountBalance).Sum(l => l.AmountMinor);
        Assert.Equal(untaxed, invoiced.TaxableMinor);
        Assert.Equal((long)Math.Round(untaxed * 0.19m, MidpointRounding.AwayFromZero), invoiced.AmountMinor);

        await world.AdvanceDaysAsync(32);
        var renewal = (await world.InvoicesAsync(customer.OrganizationId)).Where(i => i.Purpose == InvoicePurpose.Renewal).Single();
        var renewalTax = Assert.Single(TaxLines(renewal));
        var plan = renewal.Lines.Where(l => !InvoiceLineKind.IsTax(l.Kind) && l.Kind != InvoiceLineKind.AccountBalance).Sum(l => l.AmountMinor);
        Assert.Equal(2_000, plan);
        Assert.Equal((380L, 2_000L, "VAT 19% (Germany)"), (renewalTax.AmountMinor, renewalTax.TaxableMinor!.Value, renewalTax.Description));
        Assert.Equal(2_380, renewal.TotalMinor);
        Assert.Equal(InvoiceStatus.Paid, renewal.Status);
    }

    [Fact]
    public async Task A_german_business_with_a_vat_number_is_reverse_charged_and_the_invoice_names_its_vat_id()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await SetDetailsAsync(world, customer, "DE", type: TaxCustomerStatus.Business, taxId: "de 123 456 789");
        var changed = await world.ChangeAsync(customer.Actor, TierCode.Pro);
        var invoice = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == changed.InvoiceId);
        var line = Assert.Single(TaxLines(invoice));
        Assert.Equal((TaxLineKind.ReverseCharge, 0L), (line.Kind, line.AmountMinor));
        Assert.Contains("Article 196", line.Description, StringComparison.Ordinal);
        Assert.Equal("DE123456789", invoice.BuyerTaxId);
    }

    [Fact]
    public async Task A_credit_pack_in_ontario_carries_hst_and_a_customer_without_details_pays_none()
    {
        await using var world = new BillingHarness(Start);
        var ontario = await world.CustomerAsync();
        await SetDetailsAsync(world, ontario, "CA", "ON");
        var nowhere = await world.CustomerAsync();
        var purchases = world.Factory.Get<CreditPurchaseService>();
        Assert.True((await purchases.BuyAsync(ontario.Actor, "pack-5000", "on-1", CancellationToken.None)).IsSuccess);
        Assert.True((await purchases.BuyAsync(nowhere.Actor, "pack-5000", "no-1", CancellationToken.None)).IsSuccess);

        var pack = Assert.Single(await world.InvoicesAsync(ontario.OrganizationId));
        var hst = Assert.Single(TaxLines(pack));
        Assert.Equal(("HST 13% (Ontario)", 585L, 4_500L, "CA-ON"), (hst.Description, hst.AmountMinor, hst.TaxableMinor!.Value, hst.TaxJurisdiction));
        Assert.Equal(5_085, pack.TotalMinor);
        Assert.Empty(TaxLines(Assert.Single(await world.InvoicesAsync(nowhere.OrganizationId))));
    }

    [Fact]
    public async Task An_approved_exemption_untaxes_renewals_until_it_expires_with_notices_once_each_and_the_report_reconciles()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        var staff = await world.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        await SetDetailsAsync(world, customer, "US", "NY");
        await world.ChangeAsync(customer.Actor, TierCode.Pro);

        var exemptions = world.Factory.Get<TaxExemptionService>();
        var submitted = await exemptions.SubmitAsync(customer.Actor, "us-ny", "NY-ST-120-4411", DateOnly.FromDateTime(Start.UtcDateTime).AddDays(75), "certificate.pdf", new MemoryStream(Pdf), CancellationToken.None);
        Assert.True(submitted.IsSuccess, submitted.Error?.Message);

        // Customers cannot review; pending certificates exempt nothing.
        Assert.Equal(ErrorKind.Forbidden, (await exemptions.ReviewAsync(customer.Actor, submitted.Value.Id, true, null, CancellationToken.None)).Error!.Kind);
        await world.AdvanceDaysAsync(31);
        var april = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose == InvoicePurpose.Renewal);
        Assert.Equal((TaxLineKind.Charged, 80L), (TaxLines(april)[0].Kind, TaxLines(april)[0].AmountMinor));

        var approved = await exemptions.ReviewAsync(staff.Actor, submitted.Value.Id, true, "Checked with the NY registry.", CancellationToken.None);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, (await exemptions.ReviewAsync(staff.Actor, submitted.Value.Id, false, "again", CancellationToken.None)).Error!.Kind);

        await world.AdvanceDaysAsync(30); // May renewal: exempt
        var may = (await world.InvoicesAsync(customer.OrganizationId)).Where(i => i.Purpose == InvoicePurpose.Renewal).OrderBy(i => i.CreatedAt).Last();
        var exempt = Assert.Single(TaxLines(may));
        Assert.Equal((TaxLineKind.Exempt, 0L, 2_000L), (exempt.Kind, exempt.AmountMinor, exempt.TaxableMinor!.Value));
        Assert.Contains("NY-ST-120-4411", exempt.Description, StringComparison.Ordinal);
        Assert.Equal(2_000, may.TotalMinor);

        // The expiry pass: a warning within 30 days, the expiry notice after, each once.
        Assert.Equal(1, await exemptions.SendExpiryNoticesAsync(CancellationToken.None));
        Assert.Equal(0, await exemptions.SendExpiryNoticesAsync(CancellationToken.None));
        Assert.Single(await world.NoticesAsync(customer.OrganizationId, "tax.exemption_expiring"));
        await world.AdvanceDaysAsync(31); // June renewal: the certificate has expired, taxed again
        Assert.Equal(1, await exemptions.SendExpiryNoticesAsync(CancellationToken.None));
        Assert.Equal(0, await exemptions.SendExpiryNoticesAsync(CancellationToken.None));
        Assert.Single(await world.NoticesAsync(customer.OrganizationId, "tax.exemption_expired"));
        var june = (await world.InvoicesAsync(customer.OrganizationId)).Where(i => i.Purpose == InvoicePurpose.Renewal).OrderBy(i => i.CreatedAt).Last();
        Assert.Equal((TaxLineKind.Charged, 80L), (TaxLines(june)[0].Kind, TaxLines(june)[0].AmountMinor));

        // Another customer in Quebec, one in Germany reverse charged, and a credit note against the Quebec invoice.
        var quebec = await world.CustomerAsync();
        await SetDetailsAsync(world, quebec, "CA", "QC");
        var quebecChange = await world.ChangeAsync(quebec.Actor, TierCode.Pro);
        var german = await world.CustomerAsync();
        await SetDetailsAsync(world, german, "DE", type: TaxCustomerStatus.Business, taxId: "DE123456789");
        await world.ChangeAsync(german.Actor, TierCode.Pro);
        var credited = await world.Factory.Get<CreditNoteService>().IssueAsync(staff.Actor, quebecChange.InvoiceId!.Value, 1_000, "Goodwill", false, CancellationToken.None);
        Assert.True(credited.IsSuccess, credited.Error?.Message);

        var report = await world.Factory.Get<TaxReportService>().BuildAsync(staff.Actor, Start.AddDays(-1), world.Now.AddDays(1), CancellationToken.None);
        Assert.True(report.IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, (await world.Factory.Get<TaxReportService>().BuildAsync(customer.Actor, Start, world.Now, CancellationToken.None)).Error!.Kind);

        // Independently: every finalised, non-void invoice's tax lines, summed per jurisdiction.
        var invoices = await world.AllInvoicesAsync();
        var lines = invoices.Where(i => i.Kind == InvoiceKind.Invoice && i.FinalizedAt is not null && i.Status != InvoiceStatus.Void).SelectMany(i => i.Lines.Select(l => (Invoice: i, Line: l)))
            .Where(x => x.Line.TaxJurisdiction is not null).ToList();
        foreach (var row in report.Value.Rows)
        {
            var of = lines.Where(x => x.Line.TaxJurisdiction == row.Jurisdiction).ToList();
            Assert.Equal(of.Where(x => x.Line.Kind == TaxLineKind.Charged).Sum(x => x.Line.AmountMinor), row.CollectedMinor);
            Assert.Equal(of.Where(x => x.Line.Kind == TaxLineKind.Charged).Sum(x => x.Line.TaxableMinor ?? 0), row.TaxableMinor);
            Assert.Equal(of.Where(x => x.Line.Kind == TaxLineKind.Exempt).Sum(x => x.Line.TaxableMinor ?? 0), row.ExemptMinor);
            Assert.Equal(of.Where(x => x.Line.Kind == TaxLineKind.ReverseCharge).Sum(x => x.Line.TaxableMinor ?? 0), row.ReverseChargedMinor);
            Assert.Equal(of.Select(x => x.Invoice.Id).Distinct().Count(), row.InvoiceCount);
        }

        Assert.Equal(lines.Select(x => x.Line.TaxJurisdiction).Distinct().Order(), report.Value.Rows.Select(r => r.Jurisdiction).Order());
        Assert.Equal(lines.Where(x => x.Line.Kind == TaxLineKind.Charged).Sum(x => x.Line.AmountMinor), report.Value.Rows.Sum(r => r.CollectedMinor));
        var ny = report.Value.Rows.Single(r => r.Jurisdiction == "US-NY");
        Assert.Equal((2_000L, 0L), (ny.ExemptMinor, ny.CreditedMinor));
        Assert.True(report.Value.Rows.Single(r => r.Jurisdiction == "DE").ReverseChargedMinor > 0);

        // The credit note took back the Quebec invoice's taxes in proportion: credit ÷ total × each tax line.
        var quebecInvoice = invoices.Single(i => i.Id == quebecChange.InvoiceId);
        foreach (var tax in TaxLines(quebecInvoice))
        {
            var row = report.Value.Rows.Single(r => r.Jurisdiction == tax.TaxJurisdiction);
            Assert.Equal(TaxReportService.CreditedTax(tax.AmountMinor, 1_000, quebecInvoice.TotalMinor), row.CreditedMinor);
            Assert.Equal(row.CollectedMinor - row.CreditedMinor, row.NetMinor);
        }

        var csv = Encoding.UTF8.GetString(TaxReportExport.Csv(report.Value));
        Assert.Contains("US-NY,\"New York\",USD,", csv, StringComparison.Ordinal);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(TaxReportExport.Pdf(report.Value)[..4]), StringComparison.Ordinal);
    }
}
