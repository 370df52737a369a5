using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>A paid pack: its invoice, the grant it gave and the balance right after.</summary>
public sealed record PackPurchaseResult(
    Guid PurchaseId,
    string Pack,
    long Credits,
    Money Price,
    Guid InvoiceId,
    string? InvoiceNumber,
    Guid? GrantId,
    DateTimeOffset? ExpiresAt,
    Millicredits Balance,
    bool Repeated);
