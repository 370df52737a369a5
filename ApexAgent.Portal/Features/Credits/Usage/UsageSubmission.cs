namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// One usage event that passed validation and was priced (by the rate card version in force when it occurred), waiting
/// for the usage writer. <see cref="Price"/> is in millicredits.
/// </summary>
public sealed record UsageSubmission(
    Guid OrganizationId,
    string EventId,
    string Feature,
    long QuantityThousandths,
    string? UserId,
    Guid? ApiKeyId,
    DateTimeOffset OccurredAt,
    int RateCardVersion,
    long Price,
    string? Metadata);
