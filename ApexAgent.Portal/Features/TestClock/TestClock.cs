namespace ApexAgent.Portal.Features.TestClock;

/// <summary>
/// The application's clock when the test clock is enabled: real time plus an offset that only moves forward. Every
/// service reads time from <see cref="TimeProvider"/>, so moving this moves the whole application.
/// </summary>
public sealed class TestClock(TimeProvider inner) : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The test clock only moves forward.");
        }

        Interlocked.Add(ref offsetTicks, by.Ticks);
    }
}
