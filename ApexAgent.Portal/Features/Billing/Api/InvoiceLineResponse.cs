using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>One line of an invoice; <see cref="Kind"/> is an open set (plan, seats, unused_time, remaining_time, account_balance …).</summary>
public sealed record InvoiceLineResponse(int Position, string Kind, string Description, long Quantity, ApiMoney UnitAmount, ApiMoney Amount, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>Tax lines only: the jurisdiction (DE, US-TX, CA), the rate as a decimal string ("0.19") and the taxable base.</summary>
    public string? TaxJurisdiction { get; init; }

    public string? TaxRate { get; init; }

    public ApiMoney? Taxable { get; init; }

    public static InvoiceLineResponse Of(InvoiceLine line, Currency currency) => new(
        line.Position, line.Kind, line.Description, line.Quantity,
        ApiMoney.From(new Money(line.UnitAmountMinor, currency)), ApiMoney.From(line.Amount(currency)), line.PeriodStart, line.PeriodEnd)
    {
        TaxJurisdiction = line.TaxJurisdiction,
        TaxRate = line.TaxRate?.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
        Taxable = line.TaxableMinor is { } taxable ? ApiMoney.From(new Money(taxable, currency)) : null,
    };
}
