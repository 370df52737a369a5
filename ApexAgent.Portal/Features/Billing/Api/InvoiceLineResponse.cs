using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>One line of an invoice; <see cref="Kind"/> is an open set (plan, seats, unused_time, remaining_time, account_balance …).</summary>
public sealed record InvoiceLineResponse(int Position, string Kind, string Description, long Quantity, ApiMoney UnitAmount, ApiMoney Amount, DateTimeOffset? From, DateTimeOffset? To)
{
    public static InvoiceLineResponse Of(InvoiceLine line, Currency currency) => new(
        line.Position, line.Kind, line.Description, line.Quantity,
        ApiMoney.From(new Money(line.UnitAmountMinor, currency)), ApiMoney.From(line.Amount(currency)), line.PeriodStart, line.PeriodEnd);
}
