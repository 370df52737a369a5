namespace ApexAgent.Portal.Features.Account;

/// <summary>
/// Who is acting in the current HTTP request or interactive-page event, and from which address. Set by
/// <see cref="ActingContextMiddleware"/> for requests and by <see cref="ActingContextCircuitHandler"/> for every
/// activity of an interactive page, and read by what runs below them without being handed it (the audit
/// interceptor, the read-only guard). Null in background jobs: the system acts.
/// </summary>
public sealed record ActingContext(Actor? Actor, string? IpAddress)
{
    private static readonly AsyncLocal<ActingContext?> Ambient = new();

    public static ActingContext? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }
}
