using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Credits.Purchases.Api;

public sealed record BulkPurchaseResponse(Guid Id, Guid InvoiceId, string InvoiceNumber, ApiMoney Total, DateTimeOffset DueAt, decimal Credits, Guid GrantId, DateTimeOffset ExpiresAt, decimal Balance)
{
    public static BulkPurchaseResponse From(BulkSaleResult r) =>
        new(r.PurchaseId, r.InvoiceId, r.InvoiceNumber, ApiMoney.From(r.Total), r.DueAt, r.Credits, r.GrantId, r.ExpiresAt, r.Balance.Credits);
}
