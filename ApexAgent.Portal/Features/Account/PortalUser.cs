using ApexAgent.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ApexAgent.Portal.Features.Account;

/// <summary>A person who signs in to the portal: an Identity user with a profile.</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>Name, billing details and time zone, stored in the user's own row.</summary>
    public ProfileDetails Profile { get; set; } = new();

    /// <summary>Set for ApexAgent's own staff only.</summary>
    public PlatformRole? PlatformRole { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The organisation the person last switched to; the portal acts for it while they remain a member.</summary>
    public Guid? CurrentOrganizationId { get; set; }
}
