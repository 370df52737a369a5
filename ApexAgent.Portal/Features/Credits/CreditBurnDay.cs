using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// Daily roll-up of credits burnt per organisation and grant kind (the day in the organisation's time zone), net of
/// reversals, kept by the usage writer. With the grants' own figures (amount, expired, clawed back) it feeds the
/// "granted vs used vs expired" chart.
/// </summary>
public sealed class CreditBurnDay
{
    public Guid OrganizationId { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>The kind of grant burnt. Usage charged to an overdraft has no grant and is counted only in <see cref="UsageDay"/>.</summary>
    public GrantKind Kind { get; set; }

    /// <summary>Millicredits.</summary>
    public long Used { get; set; }
}
