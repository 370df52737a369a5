using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// What was actually paid for the current period, from the invoice that charged it: the share of the list price left after
/// its discounts, and its tax lines. Leaving the period early credits the unused time at that share and gives back the
/// tax in proportion, at the jurisdictions and rates that were charged — never at today's (ADR 0022, ADR 0021).
/// </summary>
internal sealed class PeriodPaid
{
    private readonly IReadOnlyList<InvoiceLine> tax;
    private readonly long net;

    private PeriodPaid(decimal share, IReadOnlyList<InvoiceLine> tax, long net) => (Share, this.tax, this.net) = (share, tax, net);

    public static PeriodPaid Nothing { get; } = new(1m, [], 0);

    /// <summary>The share of the list price that was paid (1: no discount, or no invoice to go by).</summary>
    public decimal Share { get; }

    public static PeriodPaid Of(IReadOnlyList<InvoiceLine> lines)
    {
        var charged = lines.Where(l => l.Kind is InvoiceLineKind.Plan or InvoiceLineKind.Seats or InvoiceLineKind.RemainingTime).Sum(l => l.AmountMinor);
        var discounted = lines.Where(l => InvoiceLineKind.IsDiscount(l.Kind)).Sum(l => l.AmountMinor);
        var share = charged <= 0 ? 1m : Math.Clamp((charged + discounted) / (decimal)charged, 0m, 1m);
        var net = lines.Where(l => !InvoiceLineKind.IsTax(l.Kind) && l.Kind != InvoiceLineKind.AccountBalance).Sum(l => l.AmountMinor);
        return new PeriodPaid(share, lines.Where(l => l.Kind == InvoiceLineKind.Tax && l.AmountMinor != 0).OrderBy(l => l.Position).ToList(), net);
    }

    /// <summary>Adds, per tax the period's invoice charged, the part of it that belongs to the unused time credited by the draft.</summary>
    public void CreditTax(Invoice draft)
    {
        var unused = draft.Lines.Where(l => l.Kind == InvoiceLineKind.UnusedTime).Sum(l => l.AmountMinor);
        if (unused >= 0 || net <= 0)
        {
            return;
        }

        foreach (var line in tax)
        {
            var credit = Round(unused * (decimal)line.AmountMinor / net);
            if (credit != 0)
            {
                draft.AddTaxLine(InvoiceLineKind.Tax, $"{line.Description}, on the unused time", new Money(credit, draft.Currency), line.TaxJurisdiction ?? "",
                    line.TaxRate ?? 0m, Round(unused * (decimal)(line.TaxableMinor ?? net) / net));
            }
        }
    }

    private static long Round(decimal exact) => (long)decimal.Round(exact, 0, MidpointRounding.AwayFromZero);
}
