using ApexAgent.Domain.ApiKeys;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>
/// Looks up a presented key by its hash, through a private in-memory cache. Revoking, rotating or creating a key
/// calls <see cref="Forget"/>, so the very next request sees the change; entries also expire after a few minutes
/// so that other instances converge (see docs/adr/0003-api-key-verification-cache.md).
/// </summary>
public sealed class ApiKeyVerifier(IDbContextFactory<PortalDbContext> dbFactory) : IDisposable
{
    private static readonly TimeSpan KnownLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UnknownLifetime = TimeSpan.FromSeconds(30);

    // Bounded, and private: random well-formed keys can fill it, but not the rest of the app's cache.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    // Bumped by every Forget: a lookup that read the database before a revocation must not cache what it read.
    private long generation;

    /// <summary>The key with this secret, or null when there is none (revoked and expired keys are returned).</summary>
    public async ValueTask<VerifiedApiKey?> FindAsync(string presented, CancellationToken ct)
    {
        if (!ApiKeySecret.HasValidFormat(presented))
        {
            return null;
        }

        var hash = ApiKeySecret.HashOf(presented);
        if (cache.TryGetValue(hash, out VerifiedApiKey? known))
        {
            return known;
        }

        var before = Interlocked.Read(ref generation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.SecretHash == hash)
            .Select(k => new { k.Id, k.OrganizationId, k.UserId, k.Scopes, k.ExpiresAt, k.RevokedAt })
            .FirstOrDefaultAsync(ct);
        var verified = key is null ? null : new VerifiedApiKey(key.Id, key.OrganizationId, key.UserId, key.Scopes, key.ExpiresAt, key.RevokedAt);
        if (Interlocked.Read(ref generation) == before)
        {
            cache.Set(hash, verified, new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = verified is null ? UnknownLifetime : KnownLifetime,
                Size = 1,
            });
        }

        return verified;
    }

    public void Forget(string secretHash)
    {
        Interlocked.Increment(ref generation);
        cache.Remove(secretHash);
    }

    public void Dispose() => cache.Dispose();
}
