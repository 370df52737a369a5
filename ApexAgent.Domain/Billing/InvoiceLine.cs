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

    /// <summary>For a tax line: the jurisdiction or authority that levies it (<c>DE</c>, <c>US-TX</c>, <c>CA</c>); null otherwise.</summary>
    public string? TaxJurisdiction { get; private set; }

    /// <summary>For a tax line: the rate (0.19); zero for reverse-charge and exempt lines.</summary>
    public decimal? TaxRate { get; private set; }

    /// <summary>For a tax line: the base it was computed on, after discounts and the taxable share.</summary>
    public long? TaxableMinor { get; private set; }

    public Money Amount(Currency currency) => new(AmountMinor, currency);

    internal void MarkTax(string jurisdiction, decimal rate, long taxableMinor)
    {
        TaxJurisdiction = jurisdiction;
        TaxRate = rate;
        TaxableMinor = taxableMinor;
    }
}
