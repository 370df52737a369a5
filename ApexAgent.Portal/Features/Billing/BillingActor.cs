using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>Who made a billing change, as the timeline shows it.</summary>
public sealed record BillingActor(string UserId, string Name)
{
    /// <summary>The person by their display name, else their email.</summary>
    public static async Task<BillingActor> OfAsync(IDbContextFactory<PortalDbContext> dbFactory, string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.Profile.DisplayName }).FirstOrDefaultAsync(ct);
        return new BillingActor(userId, string.IsNullOrWhiteSpace(user?.DisplayName) ? user?.Email ?? "Someone" : user.DisplayName);
    }
}
