using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>A bulk sale made: the open invoice and the credits granted on issue.</summary>
public sealed record BulkSaleResult(Guid PurchaseId, Guid InvoiceId, string InvoiceNumber, Money Total, DateTimeOffset DueAt, long Credits, Guid GrantId, DateTimeOffset ExpiresAt, Millicredits Balance);
