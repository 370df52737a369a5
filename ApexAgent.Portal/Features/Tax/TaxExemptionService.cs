using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Tax;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Documents;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>
/// Exemption certificates: customers (billing managers) upload one per jurisdiction with its document; staff (billing
/// operators) approve or reject it with a note (audited). An approved certificate exempts the organisation in that
/// jurisdiction until it expires; the daily job warns 30 days before and at expiry, once each.
/// </summary>
public sealed partial class TaxExemptionService(IDbContextFactory<PortalDbContext> dbFactory, NotificationCenter notices, TimeProvider clock)
{
    public const string DocumentPurpose = "tax_exemption";

    public async Task<Result<IReadOnlyList<TaxExemptionView>>> ListOwnAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingRead))
        {
            return OrganizationService.Forbidden("see tax exemptions");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return Result<IReadOnlyList<TaxExemptionView>>.Success(await ViewsAsync(db, db.TaxExemptionCertificates.Where(c => c.OrganizationId == actor.OrganizationId), ct));
    }

    /// <summary>Staff: certificates by status (pending first by default), newest first.</summary>
    public async Task<Result<IReadOnlyList<TaxExemptionView>>> ListForReviewAsync(Actor actor, TaxExemptionStatus? status, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("review tax exemptions");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.TaxExemptionCertificates.AsQueryable();
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        return Result<IReadOnlyList<TaxExemptionView>>.Success(await ViewsAsync(db, query, ct));
    }

    public async Task<Result<TaxExemptionView>> SubmitAsync(Actor actor, string? jurisdiction, string? certificateNumber, DateOnly? expiresOn, string? fileName, Stream? content, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingManage))
        {
            return OrganizationService.Forbidden("upload tax exemption certificates");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var now = clock.GetUtcNow();
        var code = jurisdiction?.Trim().ToUpperInvariant() ?? "";
        var number = certificateNumber?.Trim() ?? "";
        var errors = new FieldErrors()
            .Require(TaxRateTable.Default.Find(code) is { Rates.Count: > 0 } || IsAuthority(code), "jurisdiction", "Choose the jurisdiction that issued the certificate.")
            .Require(CertificateShape().IsMatch(number), "certificateNumber", "Enter the certificate number (letters, digits, spaces, dots, dashes or slashes; up to 60).")
            .Require(expiresOn is { } e && e > DateOnly.FromDateTime(now.UtcDateTime) && e < DateOnly.FromDateTime(now.UtcDateTime).AddYears(11), "expiresOn", "Enter the expiry date: after today, within ten years.")
            .Require(content is not null, "document", "Attach the certificate (PDF, PNG or JPEG, up to 10 MB).");
        if (errors.Any)
        {
            return errors.ToError();
        }

        var document = await DocumentUpload.ReadAsync(actor.OrganizationId, DocumentPurpose, fileName, content!, null, now, ct);
        if (!document.IsSuccess)
        {
            return document.Error;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.StoredDocuments.Add(document.Value);
        var certificate = new TaxExemptionCertificate
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = actor.OrganizationId,
            Jurisdiction = code,
            CertificateNumber = number,
            ExpiresAt = new DateTimeOffset(expiresOn!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            DocumentId = document.Value.Id,
            Status = TaxExemptionStatus.Pending,
            SubmittedBy = actor.UserId,
            SubmittedAt = now,
        };
        db.TaxExemptionCertificates.Add(certificate);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await ViewsAsync(db, db.TaxExemptionCertificates.Where(c => c.Id == certificate.Id), ct))[0];
    }

    /// <summary>Staff: approves or rejects a pending certificate (a note is required to reject). Audited.</summary>
    public async Task<Result<TaxExemptionView>> ReviewAsync(Actor actor, Guid id, bool approve, string? note, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("review tax exemptions");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var errors = new FieldErrors()
            .Require(approve || note is not null, "note", "Say why the certificate is rejected; the customer sees the note.")
            .MaxLength(note, 500, "note", "The note");
        if (errors.Any)
        {
            return errors.ToError();
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var certificate = await db.TaxExemptionCertificates.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
        {
            return Error.NotFound("tax_exemption", "tax exemption certificate");
        }

        if (certificate.Status != TaxExemptionStatus.Pending)
        {
            return new Error("tax_exemption_already_reviewed", "This certificate was already reviewed.", ErrorKind.Conflict);
        }

        certificate.Status = approve ? TaxExemptionStatus.Approved : TaxExemptionStatus.Rejected;
        certificate.ReviewedBy = actor.UserId;
        certificate.ReviewedAt = now;
        certificate.ReviewNote = note;
        var place = TaxRateTable.Default.NameOf(certificate.Jurisdiction);
        await notices.StageAsync(db, certificate.OrganizationId, approve
            ? new BillingNotice("tax.exemption_approved", $"exemption_reviewed:{certificate.Id:N}", "Tax exemption approved",
                $"Your exemption certificate {certificate.CertificateNumber} ({place}) was approved. Invoices are not taxed there until it expires.", "/billing/details")
            : new BillingNotice("tax.exemption_rejected", $"exemption_reviewed:{certificate.Id:N}", "Tax exemption not approved",
                $"Your exemption certificate {certificate.CertificateNumber} ({place}) was not approved: {note}", "/billing/details"), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await ViewsAsync(db, db.TaxExemptionCertificates.Where(c => c.Id == certificate.Id), ct))[0];
    }

    /// <summary>The certificate's document: the organisation's own (billing readers) or any (staff). Others get 404.</summary>
    public async Task<Result<StoredDocument>> DocumentAsync(Actor actor, Guid certificateId, bool staff, CancellationToken ct)
    {
        if (!actor.Can(staff ? Permission.BillingOperate : Permission.BillingRead))
        {
            return OrganizationService.Forbidden("download exemption certificates");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var document = await (from c in db.TaxExemptionCertificates
                              where c.Id == certificateId && (staff || c.OrganizationId == actor.OrganizationId)
                              join d in db.StoredDocuments on c.DocumentId equals d.Id
                              select d).AsNoTracking().FirstOrDefaultAsync(ct);
        return document is null ? Error.NotFound("tax_exemption", "tax exemption certificate") : document;
    }

    /// <summary>The daily pass: warns 30 days before an approved certificate expires and again when it has expired, once each.</summary>
    public async Task<int> SendExpiryNoticesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var soon = now.AddDays(30);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.TaxExemptionCertificates
            .Where(c => c.Status == TaxExemptionStatus.Approved && ((c.ExpiryWarnedAt == null && c.ExpiresAt <= soon) || (c.ExpiredNoticeAt == null && c.ExpiresAt <= now)))
            .ToListAsync(ct);
        var sent = 0;
        foreach (var certificate in due)
        {
            var place = TaxRateTable.Default.NameOf(certificate.Jurisdiction);
            var day = certificate.ExpiresAt.UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
            if (certificate.ExpiresAt <= now && certificate.ExpiredNoticeAt is null)
            {
                certificate.ExpiredNoticeAt = now;
                certificate.ExpiryWarnedAt ??= now;
                await notices.StageAsync(db, certificate.OrganizationId, new BillingNotice("tax.exemption_expired", $"exemption_expired:{certificate.Id:N}", "Tax exemption expired",
                    $"Your exemption certificate {certificate.CertificateNumber} ({place}) expired on {day}. Invoices are taxed there again; upload a renewed certificate to stay exempt.", "/billing/details"), ct);
                sent++;
            }
            else if (certificate.ExpiryWarnedAt is null)
            {
                certificate.ExpiryWarnedAt = now;
                await notices.StageAsync(db, certificate.OrganizationId, new BillingNotice("tax.exemption_expiring", $"exemption_expiring:{certificate.Id:N}", "Tax exemption expires soon",
                    $"Your exemption certificate {certificate.CertificateNumber} ({place}) expires on {day}. Upload a renewed certificate before then to stay exempt.", "/billing/details"), ct);
                sent++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sent;
    }

    private static bool IsAuthority(string code) => TaxRateTable.Default.Jurisdictions.SelectMany(j => j.Rates).Any(r => r.Authority == code);

    private static async Task<IReadOnlyList<TaxExemptionView>> ViewsAsync(PortalDbContext db, IQueryable<TaxExemptionCertificate> certificates, CancellationToken ct)
    {
        var rows = await (from c in certificates.AsNoTracking()
                          join o in db.Organizations on c.OrganizationId equals o.Id
                          join d in db.StoredDocuments on c.DocumentId equals d.Id into docs
                          from d in docs.DefaultIfEmpty()
                          select new { c, o.Name, DocumentName = d == null ? null : d.FileName, Sha = d == null ? null : d.Sha256 }).ToListAsync(ct);
        return rows
            .OrderBy(r => r.c.Status == TaxExemptionStatus.Pending ? 0 : 1).ThenByDescending(r => r.c.SubmittedAt)
            .Select(r => new TaxExemptionView(r.c.Id, r.c.OrganizationId, r.Name, r.c.Jurisdiction, TaxRateTable.Default.NameOf(r.c.Jurisdiction), r.c.CertificateNumber, r.c.ExpiresAt,
                r.c.Status, r.DocumentName, r.Sha, r.c.SubmittedAt, r.c.ReviewedBy, r.c.ReviewedAt, r.c.ReviewNote))
            .ToList();
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 .\-/]{0,59}$")]
    private static partial Regex CertificateShape();
}
