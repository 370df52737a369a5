namespace ApexAgent.Domain.Billing;

/// <summary>
/// Draft (editable, no number) → Open (finalised and numbered, awaiting payment) → Paid; an open invoice may instead
/// become Void (cancelled, keeps its number) or Uncollectible (written off after dunning).
/// </summary>
public enum InvoiceStatus
{
    Draft = 0,
    Open = 1,
    Paid = 2,
    Void = 3,
    Uncollectible = 4,
}
