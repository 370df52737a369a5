namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// A movement of the account balance: credit the customer holds with us (from a downgrade applied at once or a credit
/// note), consumed by later invoices. Append-only; the balance is the sum of the entries.
/// </summary>
public sealed class AccountBalanceEntry
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>Positive: credit added for the customer; negative: credit used by an invoice.</summary>
    public long AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    public string Description { get; set; } = "";

    public Guid? InvoiceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
