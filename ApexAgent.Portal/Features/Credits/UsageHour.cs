namespace ApexAgent.Portal.Features.Credits;

/// <summary>Hourly roll-up of usage per organisation and feature (hour start in UTC), for the last-24-hours view.</summary>
public sealed class UsageHour
{
    public Guid OrganizationId { get; set; }

    public DateTimeOffset Hour { get; set; }

    public string Feature { get; set; } = "";

    public long Events { get; set; }

    public long Used { get; set; }
}
