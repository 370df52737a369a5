namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// Daily roll-up of usage per organisation, feature and user (the day in the organisation's time zone), kept current by
/// the usage writer in the same transaction as the events, so dashboards never scan raw events.
/// <see cref="UserId"/> is empty when events named no user.
/// </summary>
public sealed class UsageDay
{
    public Guid OrganizationId { get; set; }

    public DateOnly Day { get; set; }

    public string Feature { get; set; } = "";

    public string UserId { get; set; } = "";

    public long Events { get; set; }

    public long QuantityThousandths { get; set; }

    /// <summary>Millicredits deducted (less what was reversed).</summary>
    public long Used { get; set; }
}
