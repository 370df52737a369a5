namespace ApexAgent.Portal.Features.Credits.Purchases.Api;

/// <summary>Buys a pack; <see cref="IdempotencyKey"/> (or the <c>Idempotency-Key</c> header) makes a repeated request answer the first one.</summary>
public sealed record PurchaseBody(string? Pack, string? IdempotencyKey);
