using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Audit;

/// <summary>Reading a log as stored, and acting as someone from somewhere, for the audit tests.</summary>
internal static class AuditLogTestData
{
    public const string Address = "203.0.113.9";

    public static Task<List<AuditEntry>> EntriesAsync(this PortalFactory factory, Guid chainId) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ChainId == chainId).OrderBy(e => e.Sequence).ToListAsync());

    public static Task<AuditChainHead?> HeadAsync(this PortalFactory factory, Guid chainId) =>
        factory.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().FirstOrDefaultAsync(h => h.ChainId == chainId));

    /// <summary>Runs <paramref name="work"/> as <paramref name="actor"/> acting from <paramref name="address"/>, as a request would.</summary>
    public static async Task<T> ActingAsync<T>(Actor? actor, Func<Task<T>> work, string? address = Address)
    {
        var previous = ActingContext.Current;
        ActingContext.Current = new ActingContext(actor, address);
        try
        {
            return await work();
        }
        finally
        {
            ActingContext.Current = previous;
        }
    }

    /// <summary>Makes <paramref name="member"/> a member of <paramref name="owner"/>'s organisation (as the owner) and returns the membership's id.</summary>
    public static async Task<Guid> AddMemberAsync(this PortalFactory factory, TestAccount owner, TestAccount member, OrganizationRole role = OrganizationRole.Member)
    {
        var membership = new Membership
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = owner.OrganizationId,
            UserId = member.UserId,
            Role = role,
            CreatedAt = factory.Now,
        };
        await ActingAsync(owner.Actor, () => factory.WithDbAsync(async db =>
        {
            db.Memberships.Add(membership);
            return await db.SaveChangesAsync();
        }));
        return membership.Id;
    }
}
