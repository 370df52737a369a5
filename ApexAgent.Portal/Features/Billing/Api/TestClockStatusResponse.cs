namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>Whether the test clock is on, the application's time, and how far it has been moved ahead of real time.</summary>
public sealed record TestClockStatusResponse(bool Enabled, DateTimeOffset Now, TimeSpan Offset);
