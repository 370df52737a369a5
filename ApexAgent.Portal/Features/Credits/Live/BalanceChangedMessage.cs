namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>What the hub sends as <c>balanceChanged</c>: the organisation's available credits (decimal) right after a change, and its cause.</summary>
public sealed record BalanceChangedMessage(Guid OrganizationId, decimal Available, DateTimeOffset At, string Cause)
{
    public static BalanceChangedMessage From(BalanceChange change) => new(change.OrganizationId, change.Available.Credits, change.At, change.Cause);
}
