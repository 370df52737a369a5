using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>Who is billed and owns credits, keys and licences. Every user belongs to at least one.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public OrganizationKind Kind { get; set; }

    /// <summary>IANA time zone in which daily credits reset and invoices are dated.</summary>
    public string TimeZone { get; set; } = "UTC";

    public DateTimeOffset CreatedAt { get; set; }
}
