using ApexAgent.Portal.Features.Credits.Purchases;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>Where a PayPal pack purchase goes next: to PayPal's approve link, or already done (paid from the balance).</summary>
public sealed record PayPalPackStart(string? ApproveUrl, PackPurchaseResult? Done);
