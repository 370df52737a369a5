using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Billing;

/// <summary>One line of an invoice or credit note. Amounts are minor units of the invoice's currency, rounded once.</summary>
public sealed class InvoiceLine
{
    private InvoiceLine()
    {
    }

    internal InvoiceLine(Guid invoiceId, int position, string kind, string description, long quantity, long unitAmountMinor, long amountMinor, DateTimeOffset? periodStart, DateTimeOffset? periodEnd)
    {
        InvoiceId = invoiceId;
        Position = position;
        Kind = kind;
        Description = description;
        Quantity = quantity;
        UnitAmountMinor = unitAmountMinor;
        AmountMinor = amountMinor;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
    }

    public Guid InvoiceId { get; private set; }

    public int Position { get; private set; }

    /// <summary>One of <see cref="InvoiceLineKind"/> (an open set).</summary>
    public string Kind { get; private set; } = "";

    public string Description { get; private set; } = "";

    public long Quantity { get; private set; }

    public long UnitAmountMinor { get; private set; }

    public long AmountMinor { get; private set; }

    public DateTimeOffset? PeriodStart { get; private set; }

    public DateTimeOffset? PeriodEnd { get; private set; }

    public Money Amount(Currency currency) => new(AmountMinor, currency);
}
