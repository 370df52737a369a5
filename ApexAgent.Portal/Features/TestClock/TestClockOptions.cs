namespace ApexAgent.Portal.Features.TestClock;

/// <summary>Section <c>TestClock</c>. On in Development; the app refuses to start with it in Production.</summary>
public sealed class TestClockOptions
{
    public bool Enabled { get; set; }
}
