using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Credits.Purchases.Api;

/// <summary>An enterprise bulk purchase: at least 100,000 credits, priced per 1,000 credits or as a total (one of the two).</summary>
public sealed record BulkPurchaseBody(Guid OrganizationId, long Credits, ApiMoney? PricePerThousand, ApiMoney? Total, int? PaymentTermsDays, string? Note);
