using ApexAgent.Portal.Data;

namespace ApexAgent.Portal.Features.Billing.Pricing;

/// <summary>Nobody is verified: the default until the verification feature registers its own <see cref="IVerifiedAccounts"/>.</summary>
public sealed class NoVerifiedAccounts : IVerifiedAccounts
{
    public Task<IReadOnlyDictionary<Guid, VerifiedAccount>> VerifiedAtAsync(PortalDbContext db, IReadOnlyCollection<Guid> organizationIds, DateTimeOffset at, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, VerifiedAccount>>(new Dictionary<Guid, VerifiedAccount>());
}
