using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Credits.Purchases.Api;

public sealed record PurchaseResponse(Guid Id, string Pack, decimal Credits, ApiMoney Price, PurchaseResponse.InvoiceRef Invoice, PurchaseResponse.GrantRef? Grant, decimal Balance, bool Repeated)
{
    public sealed record InvoiceRef(Guid Id, string? Number, string Url);

    public sealed record GrantRef(Guid Id, decimal Credits, DateTimeOffset? ExpiresAt);

    public static PurchaseResponse From(PackPurchaseResult r) => new(r.PurchaseId, r.Pack, r.Credits, ApiMoney.From(r.Price),
        new InvoiceRef(r.InvoiceId, r.InvoiceNumber, $"/api/v1/invoices/{r.InvoiceId}"),
        r.GrantId is { } id ? new GrantRef(id, r.Credits, r.ExpiresAt) : null, r.Balance.Credits, r.Repeated);
}
