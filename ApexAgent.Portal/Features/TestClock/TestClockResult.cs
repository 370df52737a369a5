using ApexAgent.Portal.Features.Billing;

namespace ApexAgent.Portal.Features.TestClock;

/// <summary>Where the clock was and is, how many steps the jobs ran in, and what the billing runs did in total.</summary>
public sealed record TestClockResult(DateTimeOffset From, DateTimeOffset Now, TimeSpan Offset, int Steps, BillingRunSummary Billing);
