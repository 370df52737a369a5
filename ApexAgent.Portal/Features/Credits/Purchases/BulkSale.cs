namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>
/// An enterprise bulk purchase sold by staff: at least 100,000 credits at a negotiated price, given either per 1,000
/// credits or as a total (exactly one), invoiced with payment terms (net 30 by default). <see cref="IdempotencyKey"/>
/// (1–100 printable characters) makes a repeated request answer the first sale instead of selling again.
/// </summary>
public sealed record BulkSale(Guid OrganizationId, long Credits, long? PricePerThousandMinor, long? TotalMinor, int PaymentTermsDays = 30, string? Note = null, string? IdempotencyKey = null);
