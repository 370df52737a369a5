namespace ApexAgent.Portal.Features.TestClock;

/// <summary>Move the clock by <see cref="Days"/>, or to the instant <see cref="To"/> (exactly one of the two).</summary>
public sealed record TestClockAdvance(int? Days = null, DateTimeOffset? To = null);
