using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Documents;
using ApexAgent.Portal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>
/// The staff side: the review queue, an application's detail and documents, and the three decisions — approve with an
/// expiry, reject with a reason, ask for more with a question. Each decision is an audited event in the organisation's
/// log and a notice to its owners and admins.
/// </summary>
public sealed class VerificationReviewService(IDbContextFactory<PortalDbContext> dbFactory, NotificationCenter notices, TimeProvider clock)
{
    public const string Link = "/organization/verification";

    public static readonly Error NotOpen = new("verification_not_open", "This application has already been decided.", ErrorKind.Conflict);

    public async Task<Result<IReadOnlyList<VerificationQueueItem>>> QueueAsync(Actor actor, VerificationStatus? status, AccountType? type, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationReview))
        {
            return VerificationService.Forbidden("review verifications");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var query = db.VerificationApplications.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (type is { } t)
        {
            query = query.Where(a => a.Type == t);
        }

        var rows = await (from a in query
                          join o in db.Organizations on a.OrganizationId equals o.Id
                          select new { a, o.Name }).Take(500).ToListAsync(ct);
        return rows
            .OrderBy(r => r.a.IsOpen ? 0 : 1).ThenBy(r => r.a.IsOpen ? r.a.SubmittedAt.UtcTicks : -r.a.UpdatedAt.UtcTicks)
            .Select(r => new VerificationQueueItem(r.a.Id, r.a.OrganizationId, r.Name, r.a.Type, r.a.Status, VerificationSummary.StateOf(r.a, now),
                r.a.LegalName, r.a.Country, r.a.SubmittedAt, r.a.UpdatedAt, r.a.ExpiresAt))
            .ToList();
    }

    /// <summary>Most rows one page of the queue answers.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// One page of the review queue, paged in the database: open applications (submitted or waiting for more
    /// information) first, oldest submitted first; then decided ones, most recently updated first.
    /// <paramref name="openOnly"/> keeps the open ones; <paramref name="status"/> one status; <paramref name="type"/> one account type.
    /// </summary>
    public async Task<Result<VerificationQueueSlice>> PageAsync(Actor actor, VerificationStatus? status, bool openOnly, AccountType? type, int page, int pageSize, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationReview))
        {
            return VerificationService.Forbidden("review verifications");
        }

        page = Math.Max(0, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.VerificationApplications.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (type is { } t)
        {
            query = query.Where(a => a.Type == t);
        }

        var open = query.Where(a => a.Status == VerificationStatus.Submitted || a.Status == VerificationStatus.MoreInformationRequested);
        var decided = query.Where(a => a.Status != VerificationStatus.Submitted && a.Status != VerificationStatus.MoreInformationRequested);
        var openCount = await open.CountAsync(ct);
        var decidedCount = openOnly ? 0 : await decided.CountAsync(ct);
        var skip = page * pageSize;
        var rows = new List<VerificationApplication>();
        if (skip < openCount)
        {
            rows.AddRange(await open.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).Skip(skip).Take(pageSize).ToListAsync(ct));
        }

        if (!openOnly && rows.Count < pageSize)
        {
            rows.AddRange(await decided.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id).Skip(Math.Max(0, skip - openCount)).Take(pageSize - rows.Count).ToListAsync(ct));
        }

        var organizationIds = rows.Select(r => r.OrganizationId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var now = clock.GetUtcNow();
        var items = rows.Select(a => new VerificationQueueItem(a.Id, a.OrganizationId, names.GetValueOrDefault(a.OrganizationId) ?? "", a.Type, a.Status, VerificationSummary.StateOf(a, now),
            a.LegalName, a.Country, a.SubmittedAt, a.UpdatedAt, a.ExpiresAt)).ToList();
        return new VerificationQueueSlice(items, openCount + decidedCount);
    }

    public async Task<Result<VerificationReviewDetail>> DetailAsync(Actor actor, Guid applicationId, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationReview))
        {
            return VerificationService.Forbidden("review verifications");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var application = await db.VerificationApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null)
        {
            return VerificationService.NotFound;
        }

        var name = await db.Organizations.Where(o => o.Id == application.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var documents = await VerificationService.DocumentsOfAsync(db, [application.Id], ct);
        var history = await db.VerificationEvents.AsNoTracking().Where(e => e.ApplicationId == application.Id).ToListAsync(ct);
        var agreements = await RegulatedDataService.StatesAsync(db, application.OrganizationId, ct);
        return new VerificationReviewDetail(application, name, VerificationSummary.StateOf(application, clock.GetUtcNow()),
            documents.GetValueOrDefault(application.Id, []), history.OrderBy(e => e.At).ThenBy(e => e.Id).ToList(), agreements);
    }

    public async Task<Result<StoredDocument>> DocumentAsync(Actor actor, Guid applicationId, Guid documentId, CancellationToken ct)
    {
        if (!actor.Can(Permission.VerificationReview))
        {
            return VerificationService.Forbidden("review verifications");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var document = await (from e in db.VerificationEvidence
                              where e.ApplicationId == applicationId && e.DocumentId == documentId
                              join d in db.StoredDocuments on e.DocumentId equals d.Id
                              select d).AsNoTracking().FirstOrDefaultAsync(ct);
        return document is null ? Error.NotFound("document", "document") : document;
    }

    /// <summary>The default expiry a reviewer is offered: twelve months from today.</summary>
    public DateTimeOffset DefaultExpiry() => new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddMonths(12);

    public Task<Result<VerificationApplication>> ApproveAsync(Actor actor, Guid applicationId, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new FieldErrors()
            .Require(expiresAt is not null, "expiresAt", "Choose until when the verification is valid.")
            .Require(expiresAt is null || expiresAt > now, "expiresAt", "The expiry must be in the future.")
            .Require(expiresAt is null || expiresAt <= now.AddYears(3), "expiresAt", "A verification lasts at most three years.");
        return DecideAsync(actor, applicationId, errors, VerificationStatus.Approved, ct, application =>
        {
            application.ExpiresAt = expiresAt!.Value.ToUniversalTime();
            application.Question = null;
            var until = application.ExpiresAt.Value.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
            return (AuditActions.VerificationApproved, $"Valid until {until}",
                new BillingNotice("verification.approved", $"verification:{application.Id:N}:approved", $"Your {Label(application.Type)} verification is approved",
                    $"{application.LegalName} is verified as a {Label(application.Type)} institution until {until}. The {Label(application.Type)} discount applies from your next invoice.", Link));
        });
    }

    public Task<Result<VerificationApplication>> RejectAsync(Actor actor, Guid applicationId, string? reason, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(reason), "reason", "Say why the application is rejected; the organisation sees it.")
            .MaxLength(reason, 2000, "reason", "The reason");
        return DecideAsync(actor, applicationId, errors, VerificationStatus.Rejected, ct, application =>
        {
            application.RejectionReason = reason!.Trim();
            application.Question = null;
            return (AuditActions.VerificationRejected, application.RejectionReason,
                new BillingNotice("verification.rejected", $"verification:{application.Id:N}:rejected", $"Your {Label(application.Type)} verification was not approved",
                    $"Reason: {application.RejectionReason} You can apply again with more evidence.", Link));
        });
    }

    public Task<Result<VerificationApplication>> RequestInformationAsync(Actor actor, Guid applicationId, string? question, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(question), "question", "Write the question the organisation should answer.")
            .MaxLength(question, 2000, "question", "The question");
        return DecideAsync(actor, applicationId, errors, VerificationStatus.MoreInformationRequested, ct, application =>
        {
            application.Question = question!.Trim();
            var asked = application.Question;
            return (AuditActions.VerificationInformationRequested, asked,
                new BillingNotice("verification.information_requested", $"verification:{application.Id:N}:question:{clock.GetUtcNow().UtcTicks}",
                    $"We need more information for your {Label(application.Type)} verification", $"Our reviewer asks: {asked}", Link));
        });
    }

    internal static string Label(AccountType type) => type == AccountType.Healthcare ? "healthcare" : "education";

    private async Task<Result<VerificationApplication>> DecideAsync(
        Actor actor, Guid applicationId, FieldErrors errors, VerificationStatus to, CancellationToken ct,
        Func<VerificationApplication, (string Action, string? Note, BillingNotice Notice)> decide)
    {
        if (!actor.Can(Permission.VerificationReview))
        {
            return VerificationService.Forbidden("review verifications");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await db.VerificationApplications.FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null)
        {
            return VerificationService.NotFound;
        }

        // Asking again while waiting for an answer is not a decision; approving or rejecting is allowed from either open state.
        if (!application.IsOpen || (to == VerificationStatus.MoreInformationRequested && application.Status != VerificationStatus.Submitted))
        {
            return to == VerificationStatus.MoreInformationRequested && application.IsOpen
                ? new Error("verification_awaiting_answer", "The organisation has not answered the last question yet.", ErrorKind.Conflict)
                : NotOpen;
        }

        var now = clock.GetUtcNow();
        application.Status = to;
        application.UpdatedAt = now;
        if (to != VerificationStatus.MoreInformationRequested)
        {
            application.DecidedAt = now;
            application.DecidedBy = actor.UserId;
        }

        var (action, note, notice) = decide(application);
        db.VerificationEvents.Add(VerificationService.Event(application, action, note, actor.UserId, now));
        await notices.StageAsync(db, application.OrganizationId, notice, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return application;
    }
}
