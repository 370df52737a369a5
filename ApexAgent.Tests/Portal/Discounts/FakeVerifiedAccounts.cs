using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing.Pricing;

namespace ApexAgent.Tests.Portal.Discounts;

/// <summary>Verifications a test sets by hand (the verification feature provides the real ones).</summary>
public sealed class FakeVerifiedAccounts : IVerifiedAccounts
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, VerifiedAccount> verified = new();

    public void Verify(Guid organizationId, VerifiedAccount account) => verified[organizationId] = account;

    public Task<IReadOnlyDictionary<Guid, VerifiedAccount>> VerifiedAtAsync(PortalDbContext db, IReadOnlyCollection<Guid> organizationIds, DateTimeOffset at, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, VerifiedAccount>>(organizationIds.Where(verified.ContainsKey).Select(id => (id, verified[id]))
            .Where(v => v.Item2.ExpiresAt > at).ToDictionary(v => v.id, v => v.Item2));
}
