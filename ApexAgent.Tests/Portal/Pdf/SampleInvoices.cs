using ApexAgent.Domain.Common;
using ApexAgent.Portal.Integrations.Pdf;

namespace ApexAgent.Tests.Portal.Pdf;

internal static class SampleInvoices
{
    public const string PaidStatus = "Paid on 3 Dec 2026 by Visa •••• 4242";

    public static readonly DocumentParty Seller = new(
        "ApexAgent Ltd.", ["1 Market Street", "Dublin D02 XY45", "Ireland"], "billing@apexagent.example", "IE1234567X");

    public static readonly DocumentParty Buyer = new(
        "Northwind Analytics Inc.", ["500 Harbor Blvd", "Seattle, WA 98101", "United States"], "ap@northwind.example", "US-98-7654321");

    public static InvoiceDocument Invoice() => new(
        "Invoice",
        "APX-2026-000123",
        new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero),
        new DateTimeOffset(2027, 1, 2, 9, 30, 0, TimeSpan.Zero),
        Seller,
        Buyer,
        [
            new("Pro plan (5 seats)", "1 Dec 2026 – 31 Dec 2026", 5, Money.Usd(4900), Money.Usd(24500)),
            new("Agent task credits (10,000)", null, 2, Money.Usd(2500), Money.Usd(5000)),
            new("Unused time on Starter", "3 Dec 2026 – 31 Dec 2026", 1, Money.Usd(-1235), Money.Usd(-1235)),
        ],
        [
            new("Subtotal", Money.Usd(28265)),
            new("Account balance applied", Money.Usd(-2000)),
            new("Total", Money.Usd(26265), Emphasis: true),
            new("Amount paid", Money.Usd(26265)),
            new("Amount due", Money.Usd(0), Emphasis: true),
        ],
        PaidStatus,
        Reference: null,
        Footer: "Thank you for your business. Questions? Write to billing@apexagent.example.");

    public static InvoiceDocument CreditNote() => new(
        "Credit note",
        "CN-2026-000045",
        new DateTimeOffset(2026, 12, 9, 14, 0, 0, TimeSpan.Zero),
        DueAt: null,
        Seller,
        Buyer,
        [new("Pro plan (5 seats), returned", "9 Dec 2026 – 31 Dec 2026", 5, Money.Usd(-3600), Money.Usd(-18000))],
        [new("Total credited", Money.Usd(-18000), Emphasis: true)],
        "Refunded to Visa •••• 4242",
        "Corrects invoice APX-2026-000120",
        Footer: null);

    /// <summary>Lines "Usage bundle L001" … with amounts $1.01, $2.02, … so that every line is told apart.</summary>
    public static InvoiceDocument WithLines(int count) => Invoice() with
    {
        Lines = Enumerable.Range(1, count)
            .Select(i => new InvoiceDocumentLine($"Usage bundle L{i:000}", i % 2 == 0 ? "1 Dec 2026 – 31 Dec 2026" : null, 1, Money.Usd(101 * i), Money.Usd(101 * i)))
            .ToList(),
    };
}
