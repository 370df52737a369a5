using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Verification;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ApexAgent.Tests.Portal.Verification.VerificationFiles;

namespace ApexAgent.Tests.Portal.Verification;

/// <summary>
/// A regulated-data feature lives only as long as the verification it needs: on a fake clock, the daily verification job
/// switches "Protected health information handling" off on the day the healthcare verification ends (audited, the system
/// acting), tells the organisation's owners and admins once, and refuses switching it on again until a new verification.
/// A renewed verification keeps its feature on.
/// </summary>
public sealed class RegulatedFeatureLapseTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_lapsed_healthcare_verification_switches_PHI_handling_off_audited_and_told_once_and_a_renewed_one_keeps_its_feature()
    {
        await using var harness = new BillingHarness(Start);
        var clinic = await OrganizationScenario.CreateAsync(harness.Factory, "Mercy Clinic");
        var support = await harness.Factory.CreateAccountAsync(role: PlatformRole.Support);
        var regulated = harness.Factory.Get<RegulatedDataService>();
        var verification = await VerifyAsync(harness, support, clinic.Owner, AccountType.Healthcare, days: 20);
        Assert.True((await regulated.AcceptAsync(clinic.Owner.Actor, "baa", "2026-01", "127.0.0.1", CancellationToken.None)).IsSuccess);
        Assert.True((await regulated.SetFeatureAsync(clinic.Admin.Actor, "phi_handling", true, CancellationToken.None)).IsSuccess);

        // A school verified for 20 days that renews on day 10 keeps "Student records handling".
        var school = await harness.Factory.CreateAccountAsync();
        await VerifyAsync(harness, support, school, AccountType.Education, days: 20);
        Assert.True((await regulated.AcceptAsync(school.Actor, "ferpa", "2026-01", null, CancellationToken.None)).IsSuccess);
        Assert.True((await regulated.SetFeatureAsync(school.Actor, "student_records", true, CancellationToken.None)).IsSuccess);

        var job = new VerificationReminderJob(harness.Factory.Get<VerificationReminders>(), harness.Factory.Get<RegulatedFeatureLapse>());
        var offFrom = (DateTimeOffset?)null;
        for (var day = 0; day < 30; day++)
        {
            if (day == 10)
            {
                await VerifyAsync(harness, support, school, AccountType.Education, days: 365);
            }

            await job.Execute(null!, CancellationToken.None);
            await job.Execute(null!, CancellationToken.None); // a second run the same day changes nothing more
            var on = await EnabledAsync(harness, clinic.OrganizationId, "phi_handling");
            Assert.Equal(harness.Now < verification.ExpiresAt, on);
            offFrom ??= on ? null : harness.Now;
            harness.Clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(Start.AddDays(20), offFrom); // the first run at or after the end
        Assert.True(await EnabledAsync(harness, school.OrganizationId, "student_records"));

        // Audited: on (by the admin), then off (by the system).
        var changes = await harness.DbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.OrganizationId == clinic.OrganizationId && e.Action == AuditActions.RegulatedFeatureChanged).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(2, changes.Count);
        Assert.Contains(clinic.Admin.UserId, changes[0].After);
        Assert.Null(changes[1].ActorUserId); // the portal itself
        Assert.Contains($"\"{RegulatedFeatureLapse.SystemActor}\"", changes[1].After);
        Assert.Equal(Start.AddDays(20), changes[1].OccurredAt);
        Assert.Contains("\"enabled\":false", changes[1].After!.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await harness.DbAsync(db => db.AuditEntries.CountAsync(e => e.OrganizationId == school.OrganizationId && e.Action == AuditActions.RegulatedFeatureChanged)));

        // Owners and admins are told, once; members are not.
        var notices = await NoticesAsync(harness, clinic.OrganizationId);
        Assert.Equal(new[] { clinic.Admin.UserId, clinic.Owner.UserId }.Order(), notices.Select(n => n.UserId).Order());
        Assert.All(notices, n =>
        {
            Assert.Equal("Protected health information handling is off", n.Title);
            Assert.Contains("healthcare verification ended on 25 January 2026", n.Body);
            Assert.Equal(VerificationReviewService.Link, n.Link);
        });
        Assert.Empty(await NoticesAsync(harness, school.OrganizationId));

        // Switching it on again is refused while unverified, and changes nothing.
        var refused = await regulated.SetFeatureAsync(clinic.Admin.Actor, "phi_handling", true, CancellationToken.None);
        Assert.Equal("verification_required", refused.Error?.Code);
        Assert.False(await EnabledAsync(harness, clinic.OrganizationId, "phi_handling"));

        // Verified again: on again; when that verification lapses too, they are told again (a new switch-off).
        var again = await VerifyAsync(harness, support, clinic.Owner, AccountType.Healthcare, days: 5);
        Assert.True((await regulated.SetFeatureAsync(clinic.Owner.Actor, "phi_handling", true, CancellationToken.None)).IsSuccess);
        for (var day = 0; day < 7; day++)
        {
            await job.Execute(null!, CancellationToken.None);
            Assert.Equal(harness.Now < again.ExpiresAt, await EnabledAsync(harness, clinic.OrganizationId, "phi_handling"));
            harness.Clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(4, (await NoticesAsync(harness, clinic.OrganizationId)).Count);
    }

    private static async Task<VerificationApplication> VerifyAsync(BillingHarness harness, TestAccount support, TestAccount owner, AccountType type, int days)
    {
        var form = EducationForm();
        if (type == AccountType.Healthcare)
        {
            (form.Type, form.InstitutionType, form.OfficialId, form.LegalName) = (AccountType.Healthcare, "Clinic or practice", null, "Mercy Clinic");
        }

        var applied = await harness.Factory.Get<VerificationService>().ApplyAsync(owner.Actor, form, [File("licence.pdf", VerificationFiles.Pdf())], CancellationToken.None);
        Assert.True(applied.IsSuccess, applied.Error?.Message);
        var approved = await harness.Factory.Get<VerificationReviewService>().ApproveAsync(support.Actor, applied.Value.Id, harness.Now.AddDays(days), CancellationToken.None);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
        return approved.Value;
    }

    private static Task<bool> EnabledAsync(BillingHarness harness, Guid organizationId, string feature) =>
        harness.DbAsync(db => RegulatedDataService.IsEnabledAsync(db, organizationId, feature, CancellationToken.None));

    private static Task<List<ApexAgent.Portal.Features.Notifications.Notification>> NoticesAsync(BillingHarness harness, Guid organizationId) =>
        harness.DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.OrganizationId == organizationId && n.Kind == "verification.feature_off").ToListAsync());
}
