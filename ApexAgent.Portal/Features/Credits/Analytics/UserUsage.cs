namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>One person's usage in a period (millicredits); an empty <see cref="UserId"/> is usage that named no user.</summary>
public sealed record UserUsage(string UserId, string Name, long Used, long Events, int ActiveDays, DateOnly? LastActive);
