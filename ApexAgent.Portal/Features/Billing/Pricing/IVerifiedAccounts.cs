using ApexAgent.Portal.Data;

namespace ApexAgent.Portal.Features.Billing.Pricing;

/// <summary>
/// Which organisations hold a valid education or healthcare verification at an instant — what the account-type discount
/// reads (one query for a renewal batch). The verification feature provides it; until then nobody is verified.
/// </summary>
public interface IVerifiedAccounts
{
    Task<IReadOnlyDictionary<Guid, VerifiedAccount>> VerifiedAtAsync(PortalDbContext db, IReadOnlyCollection<Guid> organizationIds, DateTimeOffset at, CancellationToken ct);
}
