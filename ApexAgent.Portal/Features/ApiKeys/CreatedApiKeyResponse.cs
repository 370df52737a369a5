namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>The answer to creating or rotating a key: the only time its <see cref="Secret"/> is ever shown.</summary>
public sealed record CreatedApiKeyResponse(ApiKeyResponse Key, string Secret);
