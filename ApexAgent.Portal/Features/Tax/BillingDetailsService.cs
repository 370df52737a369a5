using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Tax;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>
/// The organisation's billing details and tax profile: read by billing readers, changed by owners and billing managers.
/// The VAT number must be well formed for the chosen country (EU, GB) and an ABN must pass its check (AU); a state or
/// province is required for US, CA and AU. Invalid input changes nothing.
/// </summary>
public sealed partial class BillingDetailsService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<BillingDetails>> GetAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingRead))
        {
            return OrganizationService.Forbidden("see the billing details");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.BillingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.OrganizationId == actor.OrganizationId, ct);
        if (account is null)
        {
            var name = await db.Organizations.Where(o => o.Id == actor.OrganizationId).Select(o => o.Name).FirstAsync(ct);
            return new BillingDetails { BillingName = name };
        }

        return Of(account);
    }

    public async Task<Result<BillingDetails>> SaveAsync(Actor actor, BillingDetails details, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingManage))
        {
            return OrganizationService.Forbidden("change the billing details");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var checkedDetails = Check(details);
        if (!checkedDetails.IsSuccess)
        {
            return checkedDetails.Error;
        }

        var clean = checkedDetails.Value;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var account = await BillingBooks.AccountAsync(db, actor.OrganizationId, now, ct);
        account.BillingName = clean.BillingName;
        account.BillingEmail = clean.BillingEmail;
        account.Address = clean.Address;
        account.Country = clean.Country;
        account.Region = clean.Region;
        account.PostalCode = clean.PostalCode;
        account.TaxStatus = clean.CustomerType;
        account.TaxId = clean.TaxId;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Of(account);
    }

    /// <summary>Validates and normalises (trimmed, upper-case codes, VAT number with its prefix); field errors keyed by the API's names.</summary>
    public static Result<BillingDetails> Check(BillingDetails details)
    {
        var clean = new BillingDetails
        {
            BillingName = details.BillingName?.Trim() ?? "",
            BillingEmail = Blank(details.BillingEmail),
            Address = Blank(details.Address),
            Country = Blank(details.Country)?.ToUpperInvariant(),
            Region = Blank(details.Region)?.ToUpperInvariant(),
            PostalCode = Blank(details.PostalCode)?.ToUpperInvariant(),
            CustomerType = details.CustomerType,
            TaxId = Blank(details.TaxId),
        };
        var errors = new FieldErrors()
            .Require(clean.BillingName.Length > 0, "billingName", "Enter the name invoices are addressed to.")
            .MaxLength(clean.BillingName, 200, "billingName", "The billing name")
            .MaxLength(clean.BillingEmail, 256, "billingEmail", "The billing email")
            .Require(clean.BillingEmail is null || EmailShape().IsMatch(clean.BillingEmail), "billingEmail", "Enter an email address like billing@example.com.")
            .MaxLength(clean.Address, 500, "address", "The address")
            .Require(Enum.IsDefined(clean.CustomerType), "customerType", "Choose business or individual.")
            .Require(clean.PostalCode is null || PostalShape().IsMatch(clean.PostalCode), "postalCode", "A postal code has at most 20 letters, digits, spaces or dashes.")
            .MaxLength(clean.TaxId, 40, "taxId", "The tax id");
        var country = clean.Country;
        errors.Require(country is null || (country.Length == 2 && TaxRegions.IsCountry(country)), "country", "Choose a country from the list (a two-letter ISO code such as DE or US).");
        if (country is not null && TaxRegions.IsCountry(country))
        {
            var regions = TaxRegions.RegionsOf(country);
            if (regions.Count > 0)
            {
                errors.Require(clean.Region is not null, "region", country switch { "CA" => "Choose the province or territory.", _ => "Choose the state or territory." });
                errors.Require(clean.Region is null || regions.Any(r => r.Code == clean.Region), "region", "Choose a state or province of the chosen country from the list.");
            }
            else
            {
                clean.Region = null;
            }

            if (clean.TaxId is not null && clean.TaxId.Length <= 40)
            {
                if (VatNumber.HasFormat(country))
                {
                    errors.Require(VatNumber.IsValid(country, clean.TaxId), "taxId", $"This is not a valid VAT number for {TaxRegions.Countries.First(c => c.Code == country).Name} (for example {ExampleVat(country)}).");
                    if (VatNumber.IsValid(country, clean.TaxId))
                    {
                        clean.TaxId = VatNumber.Normalise(country, clean.TaxId);
                    }
                }
                else if (country == "AU")
                {
                    errors.Require(AustralianBusinessNumber.IsValid(clean.TaxId), "taxId", "This is not a valid ABN (11 digits, e.g. 51 824 753 556).");
                    clean.TaxId = AustralianBusinessNumber.Normalise(clean.TaxId);
                }
                else
                {
                    errors.Require(TaxIdShape().IsMatch(clean.TaxId), "taxId", "A tax id has letters, digits, spaces, dots, dashes or slashes only.");
                }
            }
        }
        else
        {
            clean.Region = null;
        }

        return errors.Any ? errors.ToError() : clean;
    }

    private static BillingDetails Of(BillingAccount account) => new()
    {
        BillingName = account.BillingName,
        BillingEmail = account.BillingEmail,
        Address = account.Address,
        Country = account.Country,
        Region = account.Region,
        PostalCode = account.PostalCode,
        CustomerType = account.TaxStatus,
        TaxId = account.TaxId,
    };

    private static string ExampleVat(string country) => country switch
    {
        "DE" => "DE123456789",
        "FR" => "FRXX999999999",
        "GB" => "GB123456789",
        "NL" => "NL123456789B01",
        "IE" => "IE1234567T",
        "GR" => "EL123456789",
        _ => $"{country} followed by the number",
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9 \-]{0,19}$")]
    private static partial Regex PostalShape();

    [GeneratedRegex(@"^[A-Za-z0-9 .\-/]{1,40}$")]
    private static partial Regex TaxIdShape();
}
