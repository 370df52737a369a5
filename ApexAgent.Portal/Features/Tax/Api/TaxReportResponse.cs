using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Tax.Api;

/// <summary>The tax report as JSON; money as { amount, currency }.</summary>
public sealed record TaxReportResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<TaxReportRowResponse> Jurisdictions)
{
    public static TaxReportResponse Of(TaxReport report) => new(report.From, report.To, report.Rows.Select(r =>
    {
        var currency = Currency.FromCode(r.CurrencyCode);
        ApiMoney M(long minor) => ApiMoney.From(new Money(minor, currency));
        return new TaxReportRowResponse(r.Jurisdiction, r.Name, M(r.TaxableMinor), M(r.CollectedMinor), M(r.CreditedMinor), M(r.NetMinor), M(r.ExemptMinor), M(r.ReverseChargedMinor), r.InvoiceCount);
    }).ToList());
}

public sealed record TaxReportRowResponse(string Jurisdiction, string Name, ApiMoney Taxable, ApiMoney Collected, ApiMoney Credited, ApiMoney Net, ApiMoney Exempt, ApiMoney ReverseCharged, int Invoices);
