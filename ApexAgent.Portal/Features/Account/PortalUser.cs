using ApexAgent.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ApexAgent.Portal.Features.Account;

/// <summary>A person who signs in to the portal: an Identity user with a profile.</summary>
public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string? Company { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public string? Country { get; set; }

    public string? TaxId { get; set; }

    public string TimeZone { get; set; } = "UTC";

    /// <summary>Set for ApexAgent's own staff only.</summary>
    public PlatformRole? PlatformRole { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ProfileDetails Profile => new()
    {
        DisplayName = DisplayName,
        Company = Company,
        AddressLine1 = AddressLine1,
        AddressLine2 = AddressLine2,
        City = City,
        Region = Region,
        PostalCode = PostalCode,
        Country = Country,
        TaxId = TaxId,
        TimeZone = TimeZone,
    };

    public void Apply(ProfileDetails profile)
    {
        DisplayName = profile.DisplayName;
        Company = profile.Company;
        AddressLine1 = profile.AddressLine1;
        AddressLine2 = profile.AddressLine2;
        City = profile.City;
        Region = profile.Region;
        PostalCode = profile.PostalCode;
        Country = profile.Country;
        TaxId = profile.TaxId;
        TimeZone = profile.TimeZone;
    }
}
