namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// A member's low-balance threshold on an organisation's pool. Notified once per crossing: <see cref="IsBelow"/> is set
/// when the balance falls under the threshold (and the notice sent) and cleared when it rises above it again.
/// </summary>
public sealed class LowBalanceAlert
{
    public Guid OrganizationId { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>Millicredits.</summary>
    public long Threshold { get; set; }

    public bool IsBelow { get; set; }

    public DateTimeOffset? LastNotifiedAt { get; set; }
}
