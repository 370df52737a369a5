using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>
/// The organisation's side of verification: apply (institution details, the email-domain check, documents), answer a
/// reviewer's question, see the status, and download its own documents. Owners and admins only
/// (<see cref="Permission.VerificationManage"/>); a support view is read-only.
/// </summary>
public sealed class VerificationService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const string DocumentPurpose = "verification";

    public const int MaxDocuments = 5;

    public static readonly Error ApplicationOpen = new(
        "verification_open", "Your organisation already has an application in review. Answer or wait for it before applying again.", ErrorKind.Conflict);

    public static readonly Error NotAwaitingAnswer = new(
        "verification_not_awaiting_answer", "This application is not waiting for more information.", ErrorKind.Conflict);

    public static Error NotFound { get; } = Error.NotFound("verification", "verification application");

    public async Task<Result<VerificationOverview>> OverviewAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationManage))
        {
            return Forbidden("see the organisation's verification");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var applications = await db.VerificationApplications.AsNoTracking()
            .Where(a => a.OrganizationId == actor.OrganizationId)
            .ToListAsync(ct);
        var latest = applications.OrderByDescending(a => a.SubmittedAt).FirstOrDefault();
        var verified = applications.Where(a => a.Status == VerificationStatus.Approved).OrderByDescending(a => a.ExpiresAt).FirstOrDefault();
        var wanted = new[] { latest, verified }.OfType<VerificationApplication>().Select(a => a.Id).Distinct().ToList();
        var documents = await DocumentsOfAsync(db, wanted, ct);
        VerificationSummary? Summary(VerificationApplication? a) => a is null ? null : VerificationSummary.From(a, now, documents.GetValueOrDefault(a.Id, []));
        return new VerificationOverview(
            Summary(verified),
            latest is not null && latest.Id != verified?.Id ? Summary(latest) : null,
            latest?.IsOpen != true);
    }

    public async Task<Result<VerificationSummary>> ApplyAsync(Actor actor, VerificationApplicationForm form, IReadOnlyList<UploadedFile> files, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationManage))
        {
            return Forbidden("apply for verification");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var applicantEmail = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? "";
        var errors = new FieldErrors();
        var details = Validate(form, applicantEmail, errors);
        var documents = await ReadDocumentsAsync(actor, files, required: true, now, errors, ct);
        if (errors.Any)
        {
            return errors.ToError();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.VerificationApplications.AnyAsync(a => a.OrganizationId == actor.OrganizationId
                && (a.Status == VerificationStatus.Submitted || a.Status == VerificationStatus.MoreInformationRequested), ct))
        {
            return ApplicationOpen;
        }

        var application = details!;
        application.Id = Guid.CreateVersion7(now);
        application.OrganizationId = actor.OrganizationId;
        application.Status = VerificationStatus.Submitted;
        application.ApplicantUserId = actor.UserId;
        application.ApplicantEmail = applicantEmail;
        application.SubmittedAt = now;
        application.UpdatedAt = now;
        db.VerificationApplications.Add(application);
        AddEvidence(db, application, documents, now);
        db.VerificationEvents.Add(Event(application, AuditActions.VerificationSubmitted, $"{application.Type} · {application.LegalName} · {documents.Count} document(s)", actor.UserId, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return VerificationSummary.From(application, now, documents.Select(VerificationDocumentView.From).ToList());
    }

    public async Task<Result<VerificationSummary>> AnswerAsync(Actor actor, Guid applicationId, string? answer, IReadOnlyList<UploadedFile> files, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationManage))
        {
            return Forbidden("answer for the organisation");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var errors = new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(answer), "answer", "Answer the reviewer's question.")
            .MaxLength(answer, 4000, "answer", "The answer");
        var documents = await ReadDocumentsAsync(actor, files, required: false, now, errors, ct);
        if (errors.Any)
        {
            return errors.ToError();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await db.VerificationApplications.FirstOrDefaultAsync(a => a.Id == applicationId && a.OrganizationId == actor.OrganizationId, ct);
        if (application is null)
        {
            return NotFound;
        }

        if (application.Status != VerificationStatus.MoreInformationRequested)
        {
            return NotAwaitingAnswer;
        }

        application.Status = VerificationStatus.Submitted;
        application.Answer = answer!.Trim();
        application.UpdatedAt = now;
        AddEvidence(db, application, documents, now);
        db.VerificationEvents.Add(Event(application, AuditActions.VerificationAnswered, application.Answer, actor.UserId, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var all = await DocumentsOfAsync(db, [application.Id], ct);
        return VerificationSummary.From(application, now, all.GetValueOrDefault(application.Id, []));
    }

    /// <summary>One of the organisation's own verification documents; another organisation's is not found.</summary>
    public async Task<Result<StoredDocument>> DocumentAsync(Actor actor, Guid documentId, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationManage))
        {
            return Forbidden("download verification documents");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var document = await (from e in db.VerificationEvidence
                              where e.DocumentId == documentId && e.OrganizationId == actor.OrganizationId
                              join d in db.StoredDocuments on e.DocumentId equals d.Id
                              where d.OrganizationId == actor.OrganizationId
                              select d).AsNoTracking().FirstOrDefaultAsync(ct);
        return document is null ? Error.NotFound("document", "document") : document;
    }

    public async Task<string> SignInEmailAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? "";
    }

    internal static async Task<Dictionary<Guid, IReadOnlyList<VerificationDocumentView>>> DocumentsOfAsync(PortalDbContext db, IReadOnlyCollection<Guid> applicationIds, CancellationToken ct)
    {
        var rows = await (from e in db.VerificationEvidence
                          where applicationIds.Contains(e.ApplicationId)
                          join d in db.StoredDocuments on e.DocumentId equals d.Id
                          select new { e.ApplicationId, d.Id, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedAt }).AsNoTracking().ToListAsync(ct);
        return rows.GroupBy(r => r.ApplicationId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<VerificationDocumentView>)g.OrderBy(r => r.UploadedAt).Select(r => new VerificationDocumentView(r.Id, r.FileName, r.ContentType, r.SizeBytes, r.Sha256, r.UploadedAt)).ToList());
    }

    internal static VerificationEvent Event(VerificationApplication application, string action, string? note, string? userId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ApplicationId = application.Id,
        OrganizationId = application.OrganizationId,
        Action = action,
        Note = note is { Length: > 4000 } ? note[..4000] : note,
        ActorUserId = userId,
        At = now,
    };

    internal static Error Forbidden(string what) => new("forbidden", $"Your role does not allow you to {what}.", ErrorKind.Forbidden);

    /// <summary>Checks the details; null (with <paramref name="errors"/> filled) when something is wrong.</summary>
    internal static VerificationApplication? Validate(VerificationApplicationForm form, string applicantEmail, FieldErrors errors)
    {
        var type = form.Type;
        errors.Require(type is AccountType.Education or AccountType.Healthcare, "type", "Choose education or healthcare.");
        var legalName = form.LegalName?.Trim();
        errors.Require(!string.IsNullOrEmpty(legalName), "legalName", "Enter the institution's legal name.")
            .MaxLength(legalName, 200, "legalName", "The legal name");

        var website = form.Website?.Trim();
        var websiteOk = Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Contains('.', StringComparison.Ordinal);
        errors.Require(websiteOk, "website", "Enter the institution's website, e.g. https://www.example.edu.")
            .MaxLength(website, 200, "website", "The website");

        var country = form.Country?.Trim().ToUpperInvariant() ?? "";
        errors.Require(ProfileDetails.Countries.Any(c => c.Code == country), "country", "Choose the institution's country.");

        var institutionType = form.InstitutionType?.Trim() ?? "";
        errors.Require(InstitutionTypes.For(type).Contains(institutionType), "institutionType", "Choose what kind of institution it is.");

        var officialId = string.IsNullOrWhiteSpace(form.OfficialId) ? null : form.OfficialId.Trim();
        if (officialId is not null && type is AccountType.Education or AccountType.Healthcare)
        {
            var problem = InstitutionIdentifier.Problem(type, officialId);
            errors.Require(problem is null, "officialId", problem ?? "");
            officialId = officialId.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        }

        var domain = InstitutionDomain.Normalise(form.EmailDomain);
        if (domain is null)
        {
            errors.Require(false, "emailDomain", "Enter the institution's email domain, e.g. example.edu.");
        }
        else if (InstitutionDomain.IsFreeMail(domain))
        {
            errors.Require(false, "emailDomain", $"{domain} is a free email provider. Enter the domain of the institution's own email addresses.");
        }
        else
        {
            errors.Require(InstitutionDomain.Holds(domain, applicantEmail), "emailDomain",
                $"Your sign-in address {applicantEmail} is not at {domain}. Apply while signed in with your address at the institution, or ask a colleague who has one to apply.");
        }

        if (errors.Any)
        {
            return null;
        }

        return new VerificationApplication
        {
            Type = type,
            LegalName = legalName!,
            Website = website!,
            Country = country,
            InstitutionType = institutionType,
            OfficialId = officialId,
            EmailDomain = domain!,
            EmailDomainCheck = $"The applicant's sign-in address {applicantEmail} is at {domain}.",
        };
    }

    private static async Task<List<StoredDocument>> ReadDocumentsAsync(Actor actor, IReadOnlyList<UploadedFile> files, bool required, DateTimeOffset now, FieldErrors errors, CancellationToken ct)
    {
        var documents = new List<StoredDocument>();
        errors.Require(!required || files.Count > 0, "document", "Upload at least one document that shows the institution's accreditation or licence (PDF, PNG or JPEG).");
        errors.Require(files.Count <= MaxDocuments, "document", $"Upload at most {MaxDocuments} documents.");
        if (files.Count > MaxDocuments)
        {
            return documents;
        }

        var uploader = Guid.TryParse(actor.UserId, out var id) ? id : (Guid?)null;
        foreach (var file in files)
        {
            var read = await DocumentUpload.ReadAsync(actor.OrganizationId, DocumentPurpose, file.Name, file.Content, uploader, now, ct);
            if (read.IsSuccess)
            {
                documents.Add(read.Value);
            }
            else
            {
                foreach (var message in read.Error.Fields.SelectMany(f => f.Value))
                {
                    errors.Require(false, "document", $"{Path.GetFileName(file.Name ?? "document")}: {message}");
                }
            }
        }

        return documents;
    }

    private static void AddEvidence(PortalDbContext db, VerificationApplication application, List<StoredDocument> documents, DateTimeOffset now)
    {
        foreach (var document in documents)
        {
            db.StoredDocuments.Add(document);
            db.VerificationEvidence.Add(new VerificationEvidence
            {
                Id = Guid.CreateVersion7(now),
                ApplicationId = application.Id,
                OrganizationId = application.OrganizationId,
                DocumentId = document.Id,
                AddedAt = now,
            });
        }
    }
}
