using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing.Pricing;
using ApexAgent.Portal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>
/// Switches a regulated-data feature ("Protected health information handling", "Student records handling") off when
/// its organisation is no longer verified as the kind of institution the feature's agreement is for — a verification
/// that expired and was not renewed. The change is audited (the system acting) and the organisation's owners and
/// admins are told, once per switch-off. Runs with the daily verification reminders; switching a feature back on needs
/// a verification in force again (<see cref="RegulatedDataService.SetFeatureAsync"/>).
/// </summary>
public sealed class RegulatedFeatureLapse(IDbContextFactory<PortalDbContext> dbFactory, IVerifiedAccounts verified, NotificationCenter notices, TimeProvider clock)
{
    /// <summary>Who <see cref="RegulatedFeatureSetting.ChangedByUserId"/> names when the portal switched a feature off itself.</summary>
    public const string SystemActor = "system";

    /// <summary>Switches off every feature whose verification lapsed; answers how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var enabled = await db.RegulatedFeatureSettings.Where(s => s.Enabled).ToListAsync(ct);
        if (enabled.Count == 0)
        {
            return 0;
        }

        var organizations = enabled.Select(s => s.OrganizationId).Distinct().ToList();
        var inForce = await verified.VerifiedAtAsync(db, organizations, now, ct);
        var lapsed = enabled.Where(s => RegulatedAgreements.ByFeature(s.Feature) is not { } agreement
            || !inForce.TryGetValue(s.OrganizationId, out var verification) || verification.Type != agreement.AccountType).ToList();
        if (lapsed.Count == 0)
        {
            return 0;
        }

        var ended = await LastVerificationsAsync(db, lapsed.Select(s => s.OrganizationId).Distinct().ToList(), now, ct);
        foreach (var setting in lapsed)
        {
            var agreement = RegulatedAgreements.ByFeature(setting.Feature);
            var name = agreement?.FeatureName ?? setting.Feature;
            var switchedOnAt = setting.ChangedAt;
            setting.Enabled = false;
            setting.ChangedByUserId = SystemActor;
            setting.ChangedAt = now;
            var label = agreement is null ? "regulated" : VerificationReviewService.Label(agreement.AccountType);
            var why = ended.TryGetValue(setting.OrganizationId, out var end)
                ? $"your {label} verification ended on {end.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}"
                : $"your organisation is no longer verified as a {label} institution";
            await notices.StageAsync(db, setting.OrganizationId, new BillingNotice(
                "verification.feature_off",
                $"regulated_feature_off:{setting.OrganizationId:N}:{setting.Feature}:{switchedOnAt.UtcTicks}",
                $"{name} is off",
                $"{name} was switched off because {why}. Agents no longer receive this data. Apply again; once you are verified, an owner or admin can switch it back on.",
                VerificationReviewService.Link), ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return lapsed.Count;
    }

    /// <summary>When each organisation's latest approved verification ended, for those it ended before <paramref name="now"/>.</summary>
    private static async Task<Dictionary<Guid, DateTimeOffset>> LastVerificationsAsync(PortalDbContext db, List<Guid> organizations, DateTimeOffset now, CancellationToken ct)
    {
        var approved = await db.VerificationApplications.AsNoTracking()
            .Where(a => organizations.Contains(a.OrganizationId) && a.Status == VerificationStatus.Approved && a.ExpiresAt != null)
            .Select(a => new { a.OrganizationId, a.ExpiresAt })
            .ToListAsync(ct);
        return approved.GroupBy(a => a.OrganizationId)
            .Select(g => (g.Key, End: g.Max(a => a.ExpiresAt!.Value)))
            .Where(g => g.End <= now)
            .ToDictionary(g => g.Key, g => g.End);
    }
}
