namespace ApexAgent.Portal.Features.Credits.Purchases.Api;

/// <summary>Auto top-up settings: threshold in credits, the pack's code, 1–10 purchases a month.</summary>
public sealed record AutoTopUpBody(bool? Enabled, long? Threshold, string? Pack, int? MonthlyLimit);
