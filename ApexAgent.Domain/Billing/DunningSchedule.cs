namespace ApexAgent.Domain.Billing;

/// <summary>
/// When a failed automatic payment is tried again. Retries are counted in days from the first failure (default 1, 3,
/// 5 and 7 days after it); once they are spent the subscription is past due, and after <see cref="PastDueDays"/> more
/// days it falls back to Free.
/// </summary>
public sealed record DunningSchedule(IReadOnlyList<int> RetryDays, int PastDueDays)
{
    public static DunningSchedule Default { get; } = new([1, 3, 5, 7], 7);

    /// <summary>
    /// The next attempt after <paramref name="failedAttempts"/> failures (the first charge included) that began at
    /// <paramref name="firstFailureAt"/>; null when every retry is spent.
    /// </summary>
    public DateTimeOffset? NextAttempt(int failedAttempts, DateTimeOffset firstFailureAt) =>
        failedAttempts >= 1 && failedAttempts <= RetryDays.Count ? firstFailureAt.AddDays(RetryDays[failedAttempts - 1]) : null;

    /// <summary>When a subscription that became past due at <paramref name="pastDueSince"/> falls back to Free.</summary>
    public DateTimeOffset FallbackAt(DateTimeOffset pastDueSince) => pastDueSince.AddDays(PastDueDays);
}
