using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>
/// Tells an organisation that its verification ends: 30 days before, 7 days before and when it has ended — each once
/// (a flag on the verification and the notice's dedupe key). A verification already followed by a later one (renewed)
/// is not reminded of. When a run is late, only the most urgent reminder is sent and the earlier ones are marked.
/// </summary>
public sealed class VerificationReminders(IDbContextFactory<PortalDbContext> dbFactory, NotificationCenter notices, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddDays(30);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.VerificationApplications
            .Where(a => a.Status == VerificationStatus.Approved && a.ExpiresAt <= horizon && a.ExpiryNoticeAt == null)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var organizations = due.Select(a => a.OrganizationId).Distinct().ToList();
        var latest = await db.VerificationApplications.AsNoTracking()
            .Where(a => organizations.Contains(a.OrganizationId) && a.Status == VerificationStatus.Approved)
            .Select(a => new { a.OrganizationId, a.Id, a.ExpiresAt })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var verification in due)
        {
            var superseded = latest.Any(l => l.OrganizationId == verification.OrganizationId && l.Id != verification.Id && l.ExpiresAt > verification.ExpiresAt);
            var expiresAt = verification.ExpiresAt!.Value;
            var until = expiresAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            var label = VerificationReviewService.Label(verification.Type);
            BillingNotice? notice = null;
            if (expiresAt <= now)
            {
                verification.ExpiryNoticeAt = now;
                verification.Reminded7DaysAt ??= now;
                verification.Reminded30DaysAt ??= now;
                notice = new BillingNotice("verification.expired", $"verification:{verification.Id:N}:expired", $"Your {label} verification has expired",
                    $"{verification.LegalName}'s {label} verification ended on {until}; the {label} discount stops at your next renewal. Apply again to renew it.", VerificationReviewService.Link);
            }
            else if (expiresAt - now <= TimeSpan.FromDays(7) && verification.Reminded7DaysAt is null)
            {
                verification.Reminded7DaysAt = now;
                verification.Reminded30DaysAt ??= now;
                notice = Soon(verification, 7, label, until);
            }
            else if (verification.Reminded30DaysAt is null)
            {
                verification.Reminded30DaysAt = now;
                notice = Soon(verification, 30, label, until);
            }

            if (notice is null || superseded)
            {
                continue; // nothing new to say, or a renewal already replaced it (the flags above still record the step)
            }

            db.VerificationEvents.Add(VerificationService.Event(verification, AuditActions.VerificationReminded, notice.Title, null, now));
            await notices.StageAsync(db, verification.OrganizationId, notice, ct);
            sent++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sent;
    }

    private static BillingNotice Soon(VerificationApplication verification, int days, string label, string until) => new(
        "verification.expiring", $"verification:{verification.Id:N}:expiring:{days}", $"Your {label} verification ends on {until}",
        $"{verification.LegalName}'s {label} verification ends on {until}. Renew it now with up-to-date documents to keep the {label} discount.", VerificationReviewService.Link);
}
