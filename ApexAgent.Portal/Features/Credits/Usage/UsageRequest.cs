using System.Text.Json;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// The body of <c>POST /api/v1/usage</c> (and one element of a batch). <see cref="UserId"/> defaults to the caller
/// (the API key's owner); <see cref="OccurredAt"/> to the moment it is received; <see cref="Metadata"/> is an optional
/// JSON object of at most 4 KB, stored as sent.
/// </summary>
public sealed record UsageRequest(string? EventId, string? Feature, decimal? Quantity, string? UserId = null, DateTimeOffset? OccurredAt = null, JsonElement? Metadata = null);
