namespace ApexAgent.Domain.ApiKeys;

/// <summary>A key just created: the stored key and the secret, which is shown once and never again.</summary>
public sealed record IssuedApiKey(ApiKey Key, ApiKeySecret Secret);
