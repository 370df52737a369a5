namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>One person's part of the pool in a period; <see cref="Share"/> is of the pool's usage, 0–1.</summary>
public sealed record MemberUtilisation(
    string UserId, string Name, string? Email, string? Unit, bool IsMember, long Used, decimal Share, int ActiveDays, DateOnly? LastActive);
