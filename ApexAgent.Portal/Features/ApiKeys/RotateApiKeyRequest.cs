namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>The body of <c>POST /api/v1/api-keys/{id}/rotate</c>: how long the old key keeps working (default 24 h).</summary>
public sealed record RotateApiKeyRequest(int? GraceHours);
