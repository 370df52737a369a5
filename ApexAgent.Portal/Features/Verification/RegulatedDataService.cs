using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>
/// Regulated-data agreements and the features they gate: a verified healthcare organisation's owner accepts the
/// business associate agreement, an education one's the student-data terms (who, when, version, from where); only then
/// can owners and admins turn on "Protected health information handling" / "Student records handling". Turning a
/// feature on without the current version accepted is refused with 409 <c>agreement_required</c>.
/// </summary>
public sealed class RegulatedDataService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static Error AgreementRequired(RegulatedAgreement agreement) => new(
        "agreement_required",
        $"{agreement.FeatureName} needs the {agreement.Title.ToLowerInvariant()} (version {agreement.Version}) accepted by an owner first.",
        ErrorKind.Conflict);

    public async Task<Result<RegulatedDataOverview>> OverviewAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationManage))
        {
            return VerificationService.Forbidden("see regulated-data settings");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var verified = await VerifiedAsAsync(db, actor.OrganizationId, clock.GetUtcNow(), ct);
        return new RegulatedDataOverview(verified, IsOwner(actor), await StatesAsync(db, actor.OrganizationId, ct));
    }

    public async Task<Result<AgreementAcceptance>> AcceptAsync(Actor actor, string agreementCode, string? version, string? ipAddress, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationManage))
        {
            return VerificationService.Forbidden("accept agreements");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var agreement = RegulatedAgreements.ByCode(agreementCode);
        if (agreement is null)
        {
            return Error.NotFound("agreement", "agreement");
        }

        if (!IsOwner(actor))
        {
            return new Error("owner_required", $"Only an owner of the organisation can accept the {agreement.Title.ToLowerInvariant()}.", ErrorKind.Forbidden);
        }

        if (!string.Equals(version, agreement.Version, StringComparison.Ordinal))
        {
            return new Error("agreement_version_changed", $"The {agreement.Title.ToLowerInvariant()} is now version {agreement.Version}. Read it again before accepting.", ErrorKind.Conflict);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        if (await VerifiedAsAsync(db, actor.OrganizationId, now, ct) != agreement.AccountType)
        {
            return new Error("verification_required",
                $"The {agreement.Title.ToLowerInvariant()} is for verified {VerificationReviewService.Label(agreement.AccountType)} organisations. Get verified first.", ErrorKind.Conflict);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.AgreementAcceptances.FirstOrDefaultAsync(
            a => a.OrganizationId == actor.OrganizationId && a.Agreement == agreement.Code && a.Version == agreement.Version, ct);
        if (existing is not null)
        {
            return existing; // accepting twice changes nothing
        }

        var acceptance = new AgreementAcceptance
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = actor.OrganizationId,
            Agreement = agreement.Code,
            Version = agreement.Version,
            AcceptedByUserId = actor.UserId,
            AcceptedByEmail = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? "",
            AcceptedAt = now,
            IpAddress = ipAddress,
        };
        db.AgreementAcceptances.Add(acceptance);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return acceptance;
    }

    public async Task<Result<RegulatedAgreementState>> SetFeatureAsync(Actor actor, string feature, bool enabled, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationManage))
        {
            return VerificationService.Forbidden("change regulated-data features");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var agreement = RegulatedAgreements.ByFeature(feature);
        if (agreement is null)
        {
            return Error.NotFound("feature", "regulated-data feature");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var accepted = await db.AgreementAcceptances.AnyAsync(
            a => a.OrganizationId == actor.OrganizationId && a.Agreement == agreement.Code && a.Version == agreement.Version, ct);
        if (enabled && !accepted)
        {
            return AgreementRequired(agreement);
        }

        var now = clock.GetUtcNow();
        if (enabled && await VerifiedAsAsync(db, actor.OrganizationId, now, ct) != agreement.AccountType)
        {
            // The agreement was accepted while verified; after a lapse the feature stays off until verified again.
            return new Error("verification_required",
                $"{agreement.FeatureName} is for verified {VerificationReviewService.Label(agreement.AccountType)} organisations. Your verification is not in force: apply again first.", ErrorKind.Conflict);
        }

        var setting = await db.RegulatedFeatureSettings.FirstOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId && s.Feature == agreement.Feature, ct);
        if (setting is null)
        {
            setting = new RegulatedFeatureSetting { OrganizationId = actor.OrganizationId, Feature = agreement.Feature };
            db.RegulatedFeatureSettings.Add(setting);
        }

        if (setting.Enabled != enabled || db.Entry(setting).State == EntityState.Added)
        {
            setting.Enabled = enabled;
            setting.ChangedByUserId = actor.UserId;
            setting.ChangedAt = now;
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        var states = await StatesAsync(db, actor.OrganizationId, ct);
        return states.Single(s => s.Agreement.Code == agreement.Code);
    }

    /// <summary>Whether the organisation may use <paramref name="feature"/> now (it is on, with the current terms accepted).</summary>
    public static async Task<bool> IsEnabledAsync(PortalDbContext db, Guid organizationId, string feature, CancellationToken ct)
    {
        var agreement = RegulatedAgreements.ByFeature(feature);
        return agreement is not null
            && await db.RegulatedFeatureSettings.AnyAsync(s => s.OrganizationId == organizationId && s.Feature == feature && s.Enabled, ct)
            && await db.AgreementAcceptances.AnyAsync(a => a.OrganizationId == organizationId && a.Agreement == agreement.Code && a.Version == agreement.Version, ct);
    }

    internal static async Task<IReadOnlyList<RegulatedAgreementState>> StatesAsync(PortalDbContext db, Guid organizationId, CancellationToken ct)
    {
        var acceptances = await db.AgreementAcceptances.AsNoTracking().Where(a => a.OrganizationId == organizationId).ToListAsync(ct);
        var settings = await db.RegulatedFeatureSettings.AsNoTracking().Where(s => s.OrganizationId == organizationId).ToListAsync(ct);
        return RegulatedAgreements.All.Select(agreement =>
        {
            var mine = acceptances.Where(a => a.Agreement == agreement.Code).OrderByDescending(a => a.AcceptedAt).ToList();
            var current = mine.Any(a => a.Version == agreement.Version);
            return new RegulatedAgreementState(agreement, mine.FirstOrDefault(), current,
                current && settings.Any(s => s.Feature == agreement.Feature && s.Enabled));
        }).ToList();
    }

    private static bool IsOwner(Actor actor) => actor.Assignment is { Role: OrganizationRole.Owner, Scope: null } && !actor.IsReadOnly;

    private static async Task<AccountType?> VerifiedAsAsync(PortalDbContext db, Guid organizationId, DateTimeOffset at, CancellationToken ct)
    {
        var found = await VerifiedAccounts.QueryAsync(db, [organizationId], at, ct);
        return found.TryGetValue(organizationId, out var verified) ? verified.Type : null;
    }
}
