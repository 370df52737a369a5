namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>
/// An organisation's auto top-up: buy <see cref="Pack"/> when the available balance falls under
/// <see cref="ThresholdCredits"/>, at most <see cref="MonthlyLimit"/> times a calendar month (organisation time zone).
/// </summary>
public sealed record AutoTopUpSettings(
    bool Enabled,
    long ThresholdCredits,
    string Pack,
    int MonthlyLimit,
    int UsedThisMonth,
    DateTimeOffset? FailedAt,
    string? FailureMessage,
    bool HasPaymentMethod,
    string? PaymentMethod);
