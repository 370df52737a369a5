using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Billing.Pricing;
using ApexAgent.Portal.Features.Documents;
using ApexAgent.Portal.Features.Verification;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ApexAgent.Tests.Portal.Verification.VerificationFiles;

namespace ApexAgent.Tests.Portal.Verification;

/// <summary>Applying (validation, documents by content, one open application), review decisions with audit and notices,
/// verified accounts, permissions and tenancy, and the regulated-data agreements.</summary>
public sealed class VerificationApplicationTests(VerificationPortal portal) : IClassFixture<VerificationPortal>
{
    private PortalFactory Factory => portal.Factory;

    private VerificationService Applications => Factory.Get<VerificationService>();

    private VerificationReviewService Reviews => Factory.Get<VerificationReviewService>();

    [Fact]
    public async Task Bad_applications_are_refused_field_by_field_and_store_nothing()
    {
        var owner = await Factory.CreateAccountAsync();
        var cases = new (string Field, Action<VerificationApplicationForm> Change, Func<List<UploadedFile>> Files)[]
        {
            ("emailDomain", f => f.EmailDomain = "not a domain", Good),
            ("emailDomain", f => f.EmailDomain = "gmail.com", Good),
            ("emailDomain", f => f.EmailDomain = "other-university.edu", Good),
            ("legalName", f => f.LegalName = " ", Good),
            ("website", f => f.Website = "javascript:alert(1)", Good),
            ("country", f => f.Country = "XX", Good),
            ("institutionType", f => f.InstitutionType = "Licensed healthcare provider", Good),
            ("officialId", f => f.OfficialId = "12345", Good),
            ("officialId", f => { f.Type = AccountType.Healthcare; f.InstitutionType = "Hospital or health system"; f.OfficialId = "1234567890"; }, Good),
            ("type", f => f.Type = AccountType.Business, Good),
            ("document", _ => { }, () => []),
            ("document", _ => { }, () => [File("accreditation.pdf", Text())]),
            ("document", _ => { }, () => [File("huge.pdf", VerificationFiles.Pdf((int)DocumentUpload.MaxBytes + 1))]),
            ("document", _ => { }, () => Enumerable.Range(0, 6).Select(i => File($"p{i}.pdf", VerificationFiles.Pdf())).ToList()),
        };
        foreach (var (field, change, files) in cases)
        {
            var form = EducationForm();
            change(form);
            var refused = await Applications.ApplyAsync(owner.Actor, form, files(), CancellationToken.None);
            Assert.False(refused.IsSuccess, $"{field} should be refused");
            Assert.Equal("validation_failed", refused.Error.Code);
            Assert.True(refused.Error.Fields.ContainsKey(field), $"{field}: got {string.Join(", ", refused.Error.Fields.Keys)}");
        }

        Assert.Equal(0, await Factory.WithDbAsync(db => db.VerificationApplications.CountAsync(a => a.OrganizationId == owner.OrganizationId)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.StoredDocuments.CountAsync(d => d.OrganizationId == owner.OrganizationId)));

        // A valid NPI passes the check digit; a PNG named .pdf is still a PNG, and is fine.
        Assert.True(InstitutionIdentifier.IsValidNpi("1234567893"));
        var healthcare = EducationForm();
        healthcare.Type = AccountType.Healthcare;
        healthcare.InstitutionType = "Clinic or practice";
        healthcare.OfficialId = "1234567893";
        var applied = await Applications.ApplyAsync(owner.Actor, healthcare, [File("licence.pdf", Png())], CancellationToken.None);
        Assert.True(applied.IsSuccess, applied.Error?.Message);
        Assert.Equal("image/png", Assert.Single(applied.Value.Documents).ContentType);
        Assert.Equal("submitted", applied.Value.State);

        // One open application at a time.
        var again = await Applications.ApplyAsync(owner.Actor, EducationForm(), Good(), CancellationToken.None);
        Assert.Equal("verification_open", again.Error?.Code);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.VerificationApplications.CountAsync(a => a.OrganizationId == owner.OrganizationId)));
    }

    [Fact]
    public async Task The_api_takes_a_multipart_application_and_answers_bad_input_with_a_problem()
    {
        var owner = await Factory.CreateAccountAsync();
        var key = await Factory.IssueKeyAsync(owner, [Permission.VerificationManage]);
        var client = Factory.ApiClient(key.Secret.Plaintext);

        var bad = await client.PostAsync("/api/v1/organization/verification", Multipart(EducationForm("hotmail.com"), ("scan.pdf", Text())));
        var problem = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("emailDomain", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("document", out _));
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/organization/verification", new { type = "education" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.StoredDocuments.CountAsync(d => d.OrganizationId == owner.OrganizationId)));

        var created = await client.PostAsync("/api/v1/organization/verification", Multipart(EducationForm(), ("accreditation.pdf", VerificationFiles.Pdf())));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var overview = await client.GetFromJsonAsync<JsonElement>("/api/v1/organization/verification");
        Assert.Equal("submitted", overview.GetProperty("application").GetProperty("state").GetString());
        Assert.False(overview.GetProperty("canApply").GetBoolean());
    }

    [Fact]
    public async Task Members_cannot_apply_admins_can_and_customers_cannot_review()
    {
        var s = await OrganizationScenario.CreateAsync(Factory, "Northwind College");
        var member = await Applications.ApplyAsync(s.EngineeringMember.Actor, EducationForm(), Good(), CancellationToken.None);
        Assert.Equal(ErrorKind.Forbidden, member.Error?.Kind);
        var manager = await Applications.ApplyAsync(s.EngineeringManager.Actor, EducationForm(), Good(), CancellationToken.None);
        Assert.Equal(ErrorKind.Forbidden, manager.Error?.Kind);
        var memberKey = await Factory.IssueKeyAsync(s.EngineeringMember, [Permission.OrganizationRead]);
        await ProblemAssert.IsProblemAsync(await Factory.ApiClient(memberKey.Secret.Plaintext).GetAsync("/api/v1/organization/verification"), HttpStatusCode.Forbidden);

        var admin = await Applications.ApplyAsync(s.Admin.Actor, EducationForm(), Good(), CancellationToken.None);
        Assert.True(admin.IsSuccess, admin.Error?.Message);

        foreach (var customer in new[] { s.Owner, s.Admin })
        {
            Assert.Equal(ErrorKind.Forbidden, (await Reviews.ApproveAsync(customer.Actor, admin.Value.Id, Factory.Now.AddYears(1), CancellationToken.None)).Error?.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Reviews.QueueAsync(customer.Actor, null, null, CancellationToken.None)).Error?.Kind);
        }

        var ownerCookie = await Factory.SignedInClientAsync(s.Owner.UserId);
        var document = admin.Value.Documents[0].Id;
        Assert.NotEqual(HttpStatusCode.OK, (await ownerCookie.GetAsync($"/admin/verifications/{admin.Value.Id}/documents/{document}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await ownerCookie.GetAsync("/admin/verifications")).StatusCode);
        Assert.Equal(AuditActions.VerificationSubmitted, (await AuditAsync(s.OrganizationId)).Single());
    }

    [Fact]
    public async Task Documents_are_served_as_attachments_to_their_organisation_and_staff_only()
    {
        var owner = await Factory.CreateAccountAsync();
        var other = await Factory.CreateAccountAsync();
        var support = await Factory.CreateAccountAsync(role: PlatformRole.Support);
        var applied = await Applications.ApplyAsync(owner.Actor, EducationForm(), [File("charter.pdf", VerificationFiles.Pdf(4096))], CancellationToken.None);
        var document = applied.Value.Documents[0].Id;

        var mine = await Factory.ApiClient((await Factory.IssueKeyAsync(owner, [Permission.VerificationManage])).Secret.Plaintext).GetAsync($"/api/v1/organization/verification/documents/{document}");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("application/pdf", mine.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", mine.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", mine.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(4096, (await mine.Content.ReadAsByteArrayAsync()).Length);

        var theirs = Factory.ApiClient((await Factory.IssueKeyAsync(other, [Permission.VerificationManage])).Secret.Plaintext);
        await ProblemAssert.IsProblemAsync(await theirs.GetAsync($"/api/v1/organization/verification/documents/{document}"), HttpStatusCode.NotFound, "document_not_found");
        var otherCookie = await Factory.SignedInClientAsync(other.UserId);
        Assert.NotEqual(HttpStatusCode.OK, (await otherCookie.GetAsync($"/organization/verification/documents/{document}")).StatusCode);

        var staff = await Factory.SignedInClientAsync(support.UserId);
        var reviewed = await staff.GetAsync($"/admin/verifications/{applied.Value.Id}/documents/{document}");
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.Equal("attachment", reviewed.Content.Headers.ContentDisposition?.DispositionType);
        Assert.NotEqual(HttpStatusCode.OK, (await staff.GetAsync($"/admin/verifications/{Guid.NewGuid()}/documents/{document}")).StatusCode);
    }

    [Fact]
    public async Task Review_decisions_are_audited_noticed_and_approval_makes_the_organisation_verified_until_the_date()
    {
        var owner = await Factory.CreateAccountAsync();
        var support = await Factory.CreateAccountAsync(role: PlatformRole.Support);
        var applied = (await Applications.ApplyAsync(owner.Actor, EducationForm(), Good(), CancellationToken.None)).Value;
        var queue = await Reviews.QueueAsync(support.Actor, VerificationStatus.Submitted, AccountType.Education, CancellationToken.None);
        Assert.Contains(queue.Value, i => i.Id == applied.Id);

        Assert.Equal("validation_failed", (await Reviews.RequestInformationAsync(support.Actor, applied.Id, " ", CancellationToken.None)).Error?.Code);
        Assert.True((await Reviews.RequestInformationAsync(support.Actor, applied.Id, "Please send your accreditation letter.", CancellationToken.None)).IsSuccess);
        var overview = (await Applications.OverviewAsync(owner.Actor, CancellationToken.None)).Value;
        Assert.Equal("more_information_requested", overview.Application!.State);
        Assert.Equal("Please send your accreditation letter.", overview.Application.Question);

        Assert.Equal("validation_failed", (await Applications.AnswerAsync(owner.Actor, applied.Id, "", [], CancellationToken.None)).Error?.Code);
        Assert.True((await Applications.AnswerAsync(owner.Actor, applied.Id, "Attached.", [File("letter.png", Png())], CancellationToken.None)).IsSuccess);
        Assert.Equal("verification_not_awaiting_answer", (await Applications.AnswerAsync(owner.Actor, applied.Id, "Again", [], CancellationToken.None)).Error?.Code);

        Assert.Equal("validation_failed", (await Reviews.ApproveAsync(support.Actor, applied.Id, null, CancellationToken.None)).Error?.Code);
        Assert.Equal("validation_failed", (await Reviews.ApproveAsync(support.Actor, applied.Id, Factory.Now.AddDays(-1), CancellationToken.None)).Error?.Code);
        var until = Factory.Now.AddMonths(12);
        Assert.True((await Reviews.ApproveAsync(support.Actor, applied.Id, until, CancellationToken.None)).IsSuccess);
        Assert.Equal("verification_not_open", (await Reviews.RejectAsync(support.Actor, applied.Id, "Too late", CancellationToken.None)).Error?.Code);

        var verified = await VerifiedAsync(owner.OrganizationId, Factory.Now);
        Assert.Equal(new VerifiedAccount(AccountType.Education, until), verified);
        Assert.Null(await VerifiedAsync(owner.OrganizationId, until));
        Assert.Null(await VerifiedAsync(owner.OrganizationId, Factory.Now.AddMinutes(-1))); // not before the approval

        Assert.Equal(
            [AuditActions.VerificationSubmitted, AuditActions.VerificationInformationRequested, AuditActions.VerificationAnswered, AuditActions.VerificationApproved],
            await AuditAsync(owner.OrganizationId));
        var notices = await Factory.WithDbAsync(db => db.Notifications.Where(n => n.OrganizationId == owner.OrganizationId).Select(n => n.Kind).ToListAsync());
        Assert.Contains("verification.information_requested", notices);
        Assert.Contains("verification.approved", notices);
        var detail = (await Reviews.DetailAsync(support.Actor, applied.Id, CancellationToken.None)).Value;
        Assert.Equal(2, detail.Documents.Count);
        Assert.Equal(4, detail.History.Count);
        Assert.Contains("is at example.test", detail.Application.EmailDomainCheck);

        // Rejection needs a reason, is audited and told; the organisation can apply again.
        var second = await Factory.CreateAccountAsync();
        var app2 = (await Applications.ApplyAsync(second.Actor, EducationForm(), Good(), CancellationToken.None)).Value;
        Assert.Equal("validation_failed", (await Reviews.RejectAsync(support.Actor, app2.Id, "", CancellationToken.None)).Error?.Code);
        Assert.True((await Reviews.RejectAsync(support.Actor, app2.Id, "The document is not an accreditation.", CancellationToken.None)).IsSuccess);
        var rejected = (await Applications.OverviewAsync(second.Actor, CancellationToken.None)).Value;
        Assert.Equal("rejected", rejected.Application!.State);
        Assert.True(rejected.CanApply);
        Assert.Null(await VerifiedAsync(second.OrganizationId, Factory.Now));
        Assert.Contains(AuditActions.VerificationRejected, await AuditAsync(second.OrganizationId));
    }

    [Fact]
    public async Task Regulated_features_are_refused_until_an_owner_accepts_the_agreement()
    {
        var s = await OrganizationScenario.CreateAsync(Factory, "Mercy Clinic");
        var support = await Factory.CreateAccountAsync(role: PlatformRole.Support);
        var form = EducationForm();
        form.Type = AccountType.Healthcare;
        form.InstitutionType = "Clinic or practice";
        form.OfficialId = null;
        var applied = (await Applications.ApplyAsync(s.Owner.Actor, form, Good(), CancellationToken.None)).Value;
        var regulated = Factory.Get<RegulatedDataService>();
        var ownerApi = Factory.ApiClient((await Factory.IssueKeyAsync(s.Owner, [Permission.VerificationManage])).Secret.Plaintext);
        var adminApi = Factory.ApiClient((await Factory.IssueKeyAsync(s.Admin, [Permission.VerificationManage])).Secret.Plaintext);

        // Not verified yet: the BAA cannot be accepted.
        await ProblemAssert.IsProblemAsync(await ownerApi.PostAsJsonAsync("/api/v1/organization/regulated-data/agreements/baa/accept", new { version = "2026-01" }), HttpStatusCode.Conflict, "verification_required");
        await Reviews.ApproveAsync(support.Actor, applied.Id, Factory.Now.AddYears(1), CancellationToken.None);

        await ProblemAssert.IsProblemAsync(await ownerApi.PutAsJsonAsync("/api/v1/organization/regulated-data/features/phi_handling", new { enabled = true }), HttpStatusCode.Conflict, "agreement_required");
        await ProblemAssert.IsProblemAsync(await adminApi.PostAsJsonAsync("/api/v1/organization/regulated-data/agreements/baa/accept", new { version = "2026-01" }), HttpStatusCode.Forbidden, "owner_required");
        await ProblemAssert.IsProblemAsync(await ownerApi.PostAsJsonAsync("/api/v1/organization/regulated-data/agreements/ferpa/accept", new { version = "2026-01" }), HttpStatusCode.Conflict, "verification_required");
        await ProblemAssert.IsProblemAsync(await ownerApi.PostAsJsonAsync("/api/v1/organization/regulated-data/agreements/baa/accept", new { version = "2025-01" }), HttpStatusCode.Conflict, "agreement_version_changed");
        await ProblemAssert.IsProblemAsync(await ownerApi.PutAsJsonAsync("/api/v1/organization/regulated-data/features/anything", new { enabled = true }), HttpStatusCode.NotFound, "feature_not_found");
        Assert.False(await Factory.WithDbAsync(db => RegulatedDataService.IsEnabledAsync(db, s.OrganizationId, "phi_handling", CancellationToken.None)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.AgreementAcceptances.CountAsync(a => a.OrganizationId == s.OrganizationId)));

        Assert.Equal(HttpStatusCode.OK, (await ownerApi.PostAsJsonAsync("/api/v1/organization/regulated-data/agreements/baa/accept", new { version = "2026-01" })).StatusCode);
        var enabled = await adminApi.PutAsJsonAsync("/api/v1/organization/regulated-data/features/phi_handling", new { enabled = true });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.True(await Factory.WithDbAsync(db => RegulatedDataService.IsEnabledAsync(db, s.OrganizationId, "phi_handling", CancellationToken.None)));
        Assert.Equal(HttpStatusCode.OK, (await adminApi.PutAsJsonAsync("/api/v1/organization/regulated-data/features/phi_handling", new { enabled = false })).StatusCode);

        var acceptance = await Factory.WithDbAsync(db => db.AgreementAcceptances.SingleAsync(a => a.OrganizationId == s.OrganizationId));
        Assert.Equal((s.Owner.UserId, s.Owner.Email, "baa", "2026-01"), (acceptance.AcceptedByUserId, acceptance.AcceptedByEmail, acceptance.Agreement, acceptance.Version));
        var audit = await AuditAsync(s.OrganizationId);
        Assert.Single(audit, a => a == AuditActions.AgreementAccepted);
        Assert.Equal(2, audit.Count(a => a == AuditActions.RegulatedFeatureChanged));
        var detail = (await Reviews.DetailAsync(support.Actor, applied.Id, CancellationToken.None)).Value;
        Assert.True(detail.Agreements.Single(a => a.Agreement.Code == "baa").CurrentVersionAccepted);
        _ = regulated;
    }

    private static List<UploadedFile> Good() => [File("accreditation.pdf", VerificationFiles.Pdf())];

    private Task<List<string>> AuditAsync(Guid organizationId) =>
        Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.OrganizationId == organizationId && (e.Action.StartsWith("verification.") || e.Action.StartsWith("agreement.") || e.Action.StartsWith("regulated_feature.")))
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());

    private async Task<VerifiedAccount?> VerifiedAsync(Guid organizationId, DateTimeOffset at)
    {
        var verified = await Factory.WithDbAsync(db => Factory.Get<IVerifiedAccounts>().VerifiedAtAsync(db, [organizationId], at, CancellationToken.None));
        return verified.GetValueOrDefault(organizationId);
    }

    private static MultipartFormDataContent Multipart(VerificationApplicationForm form, params (string Name, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(form.Type.ToString()), "type" },
            { new StringContent(form.LegalName ?? ""), "legalName" },
            { new StringContent(form.Website ?? ""), "website" },
            { new StringContent(form.Country ?? ""), "country" },
            { new StringContent(form.InstitutionType ?? ""), "institutionType" },
            { new StringContent(form.OfficialId ?? ""), "officialId" },
            { new StringContent(form.EmailDomain ?? ""), "emailDomain" },
        };
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "documents", name);
        }

        return content;
    }
}
