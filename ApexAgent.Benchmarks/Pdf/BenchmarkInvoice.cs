using ApexAgent.Domain.Common;
using ApexAgent.Portal.Integrations.Pdf;

namespace ApexAgent.Benchmarks.Pdf;

/// <summary>A realistic monthly invoice: eight lines (seats, add-ons, usage, a proration credit), five totals.</summary>
public static class BenchmarkInvoice
{
    public static InvoiceDocument Create()
    {
        const string december = "1 Dec 2026 – 31 Dec 2026";
        return new InvoiceDocument(
            "Invoice",
            "APX-2026-000123",
            new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2027, 1, 2, 9, 30, 0, TimeSpan.Zero),
            new DocumentParty("ApexAgent Ltd.", ["1 Market Street", "Dublin D02 XY45", "Ireland"], "billing@apexagent.example", "IE1234567X"),
            new DocumentParty("Müller Datenwerk GmbH", ["Bahnhofstrasse 12", "8001 Zürich", "Switzerland"], "kreditoren@mueller-datenwerk.example", "CHE-123.456.789 MWST"),
            [
                new("Pro plan, per seat", december, 12, Money.Usd(4900), Money.Usd(58800)),
                new("Additional workspace for the data-engineering team, including shared agent memory and audit export", december, 1, Money.Usd(9900), Money.Usd(9900)),
                new("Agent task credits (10,000)", null, 3, Money.Usd(2500), Money.Usd(7500)),
                new("Model usage above the included allowance, per 1,000 tokens", "1 Nov 2026 – 30 Nov 2026", 184, Money.Usd(20), Money.Usd(3680)),
                new("Priority support", december, 1, Money.Usd(19900), Money.Usd(19900)),
                new("Single sign-on (SAML)", december, 1, Money.Usd(5000), Money.Usd(5000)),
                new("Unused time on Starter after the upgrade on 3 Dec 2026", "3 Dec 2026 – 31 Dec 2026", 1, Money.Usd(-1235), Money.Usd(-1235)),
                new("Onboarding workshop (remote, half day)", null, 1, Money.Usd(45000), Money.Usd(45000)),
            ],
            [
                new("Subtotal", Money.Usd(148545)),
                new("Account balance applied", Money.Usd(-2000)),
                new("Total", Money.Usd(146545), Emphasis: true),
                new("Amount paid", Money.Usd(146545)),
                new("Amount due", Money.Usd(0), Emphasis: true),
            ],
            "Paid on 3 Dec 2026 by Visa •••• 4242",
            Reference: null,
            Footer: "Thank you for your business. Questions about this invoice? Write to billing@apexagent.example. " +
                "ApexAgent Ltd. is registered in Ireland under company number 123456.");
    }
}
