namespace ApexAgent.Portal.Features.Billing;

/// <summary>The last number given in one series and year. Numbers are taken inside the finalising transaction, so they have no gaps.</summary>
public sealed class InvoiceNumberSeries
{
    public string Series { get; set; } = "";

    public int Year { get; set; }

    public long LastNumber { get; set; }
}
