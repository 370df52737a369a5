using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Reconciliation;

/// <summary>
/// The daily reconciliation (ADR 0020): for one UTC day, compares our <see cref="Payment"/>s with each processor's
/// <see cref="IPaymentProcessor.ListChargesAsync"/>, matching by processor payment id or idempotency key, and records
/// every disagreement — missing on our side, missing at the processor, amount, status or refunds differ — for staff to
/// resolve. Both sides are read an hour beyond the day, so a charge made at midnight matches whichever day it fell on;
/// only disagreements of the day itself are recorded. A repeated run records a disagreement once, and resolves (as
/// <c>reconciliation</c>) those of the day it no longer finds.
/// </summary>
public sealed class PaymentReconciliation(IDbContextFactory<PortalDbContext> dbFactory, PaymentProcessors processors, TimeProvider clock, ILogger<PaymentReconciliation> logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    public const string ScheduledBy = "schedule";
    public const string ResolvedByReconciliation = "reconciliation";

    /// <summary>Runs the reconciliation by hand (staff).</summary>
    public async Task<Result<ReconciliationRun>> RunByHandAsync(Actor actor, DateOnly day, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("reconcile payments");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (day > today || day < today.AddDays(-400))
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["day"] = ["Choose a day within the last 400 days, today at the latest."] });
        }

        return await RunAsync(day, await EmailOfAsync(actor, ct), ct);
    }

    /// <summary>The scheduled run: yesterday (UTC), once.</summary>
    public async Task<ReconciliationRun?> RunYesterdayAsync(CancellationToken ct)
    {
        var yesterday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.ReconciliationRuns.AnyAsync(r => r.Day == yesterday && r.StartedBy == ScheduledBy && r.Failures == null, ct))
            {
                return null;
            }
        }

        return await RunAsync(yesterday, ScheduledBy, ct);
    }

    public async Task<ReconciliationRun> RunAsync(DateOnly day, string startedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = from.AddDays(1);
        var run = new ReconciliationRun { Id = Guid.CreateVersion7(now), Day = day, StartedAt = now, StartedBy = startedBy, Processors = string.Join(",", processors.All.Select(p => p.Name)) };
        var found = new List<ReconciliationMismatch>();
        var failures = new List<string>();
        var checkedProcessors = new List<string>();
        foreach (var processor in processors.All)
        {
            IReadOnlyList<ProcessorChargeRecord> theirs;
            try
            {
                theirs = await processor.ListChargesAsync(from - Margin, to + Margin, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not list {Processor}'s charges for {Day}", processor.Name, day);
                failures.Add($"{processor.Name}: {e.Message}");
                continue;
            }

            checkedProcessors.Add(processor.Name);
            var (compared, mismatches) = await CompareAsync(processor.Name, theirs, from, to, ct);
            run.Compared += compared;
            found.AddRange(mismatches);
        }

        var failed = string.Join("; ", failures);
        run.Failures = failures.Count == 0 ? null : failed[..Math.Min(2000, failed.Length)];
        await using var write = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await write.Database.BeginTransactionAsync(ct);
        var earlier = await write.ReconciliationMismatches.Where(m => m.Day == day && checkedProcessors.Contains(m.Processor)).ToListAsync(ct);
        var known = earlier.Select(m => m.Fingerprint).ToHashSet();
        var now2 = clock.GetUtcNow();
        foreach (var mismatch in found.Where(m => !known.Contains(m.Fingerprint)))
        {
            mismatch.RunId = run.Id;
            mismatch.Day = day;
            mismatch.FoundAt = now2;
            write.ReconciliationMismatches.Add(mismatch);
            run.Mismatches++;
        }

        var still = found.Select(m => m.Fingerprint).ToHashSet();
        foreach (var gone in earlier.Where(m => m.ResolvedAt is null && !still.Contains(m.Fingerprint)))
        {
            (gone.ResolvedAt, gone.ResolvedBy, gone.ResolutionNote) = (now2, ResolvedByReconciliation, "A later run found the two sides agree.");
        }

        write.ReconciliationRuns.Add(run);
        await write.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    private async Task<(int Compared, List<ReconciliationMismatch> Mismatches)> CompareAsync(string processor, IReadOnlyList<ProcessorChargeRecord> theirs, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (wideFrom, wideTo) = (from - Margin, to + Margin);
        var ours = await db.Payments.AsNoTracking()
            .Where(p => p.Processor == processor && p.Kind == PaymentKind.Charge && p.CreatedAt >= wideFrom && p.CreatedAt < wideTo).ToListAsync(ct);
        var invoiceIds = ours.Select(p => p.InvoiceId).Distinct().ToList();
        var refunds = await db.Payments.AsNoTracking()
            .Where(p => p.Processor == processor && p.Kind == PaymentKind.Refund && p.Status == PaymentStatus.Succeeded && invoiceIds.Contains(p.InvoiceId)).ToListAsync(ct);
        var theirIds = theirs.Select(t => t.ProcessorPaymentId).ToList();
        var theirKeys = theirs.Select(t => t.IdempotencyKey).OfType<string>().ToList();

        // Their charges we have no payment for within the margin may still be ours from further back (a late settlement).
        var elsewhere = await db.Payments.AsNoTracking()
            .Where(p => p.Processor == processor && p.Kind == PaymentKind.Charge && (theirIds.Contains(p.ProcessorPaymentId!) || theirKeys.Contains(p.IdempotencyKey)))
            .ToListAsync(ct);
        ours.AddRange(elsewhere.Where(e => ours.All(o => o.Id != e.Id)));

        var byId = ours.Where(p => p.ProcessorPaymentId is not null).GroupBy(p => p.ProcessorPaymentId!).ToDictionary(g => g.Key, g => g.First());
        var byKey = ours.ToDictionary(p => p.IdempotencyKey);
        var matched = new HashSet<Guid>();
        var mismatches = new List<ReconciliationMismatch>();
        var compared = 0;
        bool InDay(DateTimeOffset at) => at >= from && at < to;

        foreach (var their in theirs)
        {
            var ourPayment = byId.GetValueOrDefault(their.ProcessorPaymentId) ?? (their.IdempotencyKey is { } key ? byKey.GetValueOrDefault(key) : null);
            if (ourPayment is not null)
            {
                matched.Add(ourPayment.Id);
            }

            if (!InDay(their.CreatedAt) && !(ourPayment is not null && InDay(ourPayment.CreatedAt)))
            {
                continue; // another day's
            }

            compared++;
            if (ourPayment is null)
            {
                mismatches.Add(Mismatch(processor, ReconciliationMismatchKind.MissingOnOurSide, null, their,
                    $"{processor} has a {Describe(their.Status)} charge of {their.Amount.Format()} ({their.ProcessorPaymentId}) that we have no payment for."));
                continue;
            }

            if (ourPayment.AmountMinor != their.Amount.Minor || ourPayment.CurrencyCode != their.Amount.Currency.Code)
            {
                mismatches.Add(Mismatch(processor, ReconciliationMismatchKind.AmountDiffers, ourPayment, their,
                    $"We recorded {ourPayment.Amount.Format()}; {processor} charged {their.Amount.Format()}."));
            }

            if (!SameStatus(ourPayment.Status, their.Status))
            {
                mismatches.Add(Mismatch(processor, ReconciliationMismatchKind.StatusDiffers, ourPayment, their,
                    $"We recorded the payment as {ourPayment.Status.ToString().ToLowerInvariant()}; {processor} says {Describe(their.Status)}."));
            }

            var successful = ours.Count(p => p.InvoiceId == ourPayment.InvoiceId && p.Status == PaymentStatus.Succeeded);
            var ourRefunded = refunds.Where(r => r.InvoiceId == ourPayment.InvoiceId).Sum(r => r.AmountMinor);
            if (successful <= 1 && ourRefunded != their.Refunded.Minor)
            {
                mismatches.Add(Mismatch(processor, ReconciliationMismatchKind.RefundDiffers, ourPayment, their,
                    $"We recorded {new Money(ourRefunded, their.Amount.Currency).Format()} refunded; {processor} refunded {their.Refunded.Format()}."));
            }
        }

        // Our payments the processor should know of: charged, or answered with its own id. A pending payment belongs to
        // the pending reconciliation; one closed as never charged, or never sent (no method), was never there.
        foreach (var ourPayment in ours.Where(p => InDay(p.CreatedAt) && !matched.Contains(p.Id)))
        {
            if (ourPayment.Status == PaymentStatus.Succeeded || ourPayment.ProcessorPaymentId is not null)
            {
                compared++;
                mismatches.Add(Mismatch(processor, ReconciliationMismatchKind.MissingAtProcessor, ourPayment, null,
                    $"We recorded a {ourPayment.Status.ToString().ToLowerInvariant()} payment of {ourPayment.Amount.Format()} that {processor} has no record of."));
            }
        }

        return (compared, mismatches);
    }

    private static bool SameStatus(PaymentStatus ours, ChargeStatus theirs) => (ours, theirs) switch
    {
        (PaymentStatus.Succeeded, ChargeStatus.Succeeded) => true,
        (PaymentStatus.Failed, ChargeStatus.Declined or ChargeStatus.Failed) => true,
        (PaymentStatus.RequiresAction, ChargeStatus.RequiresAction) => true,
        (PaymentStatus.Pending, ChargeStatus.Pending or ChargeStatus.Unknown) => true,
        _ => false,
    };

    private static string Describe(ChargeStatus status) => status switch
    {
        ChargeStatus.Succeeded => "succeeded",
        ChargeStatus.Declined => "declined",
        ChargeStatus.Failed => "failed",
        ChargeStatus.RequiresAction => "requires-action",
        _ => "pending",
    };

    private static ReconciliationMismatch Mismatch(string processor, ReconciliationMismatchKind kind, Payment? ours, ProcessorChargeRecord? theirs, string detail) => new()
    {
        Id = Guid.NewGuid(),
        Processor = processor,
        Kind = kind,
        OrganizationId = ours?.OrganizationId,
        PaymentId = ours?.Id,
        IdempotencyKey = ours?.IdempotencyKey ?? theirs?.IdempotencyKey,
        ProcessorPaymentId = theirs?.ProcessorPaymentId ?? ours?.ProcessorPaymentId,
        OurAmountMinor = kind == ReconciliationMismatchKind.RefundDiffers ? null : ours?.AmountMinor,
        TheirAmountMinor = kind == ReconciliationMismatchKind.RefundDiffers ? theirs?.Refunded.Minor : theirs?.Amount.Minor,
        CurrencyCode = theirs?.Amount.Currency.Code ?? ours?.CurrencyCode ?? "USD",
        Detail = detail.Length > 1000 ? detail[..1000] : detail,
    };

    /// <summary>Staff mark a mismatch resolved with a note (audited).</summary>
    public async Task<Result<ReconciliationMismatch>> ResolveAsync(Actor actor, Guid mismatchId, string? note, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("resolve reconciliation mismatches");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var trimmed = note?.Trim() ?? "";
        if (trimmed.Length is < 3 or > 1000)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["note"] = ["Say in 3 to 1000 characters what was done about it."] });
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mismatch = await db.ReconciliationMismatches.FirstOrDefaultAsync(m => m.Id == mismatchId, ct);
        if (mismatch is null)
        {
            return Error.NotFound("reconciliation_mismatch", "mismatch");
        }

        if (mismatch.ResolvedAt is not null)
        {
            return new Error("already_resolved", "This mismatch was resolved already.", ErrorKind.Conflict);
        }

        (mismatch.ResolvedAt, mismatch.ResolvedBy, mismatch.ResolutionNote) = (clock.GetUtcNow(), await EmailOfAsync(actor, ct), trimmed);
        await db.SaveChangesAsync(ct);
        return mismatch;
    }

    /// <summary>The runs, mismatches and daily counts the staff page shows.</summary>
    public async Task<Result<ReconciliationView>> ViewAsync(Actor actor, ReconciliationFilter filter, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("see the payment reconciliation");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var since = today.AddDays(-29);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.ReconciliationRuns.AsNoTracking().Where(r => r.Day >= since).ToListAsync(ct);
        var recent = await db.ReconciliationMismatches.AsNoTracking().Where(m => m.Day >= since).Select(m => new { m.Day, m.ResolvedAt }).ToListAsync(ct);
        var days = Enumerable.Range(0, 30).Select(i => since.AddDays(i)).Select(d => new ReconciliationDay(
            d,
            runs.Where(r => r.Day == d).OrderByDescending(r => r.StartedAt).FirstOrDefault(),
            recent.Count(m => m.Day == d),
            recent.Count(m => m.Day == d && m.ResolvedAt is null))).ToList();

        var query = db.ReconciliationMismatches.AsNoTracking().AsQueryable();
        if (filter.Day is { } day)
        {
            query = query.Where(m => m.Day == day);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(m => m.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Processor))
        {
            query = query.Where(m => m.Processor == filter.Processor);
        }

        if (!filter.IncludeResolved)
        {
            query = query.Where(m => m.ResolvedAt == null);
        }

        var mismatches = (await query.ToListAsync(ct)).OrderByDescending(m => m.Day).ThenBy(m => m.FoundAt).Take(200).ToList();
        return new ReconciliationView(days, mismatches, processors.All.Select(p => p.Name).ToList());
    }

    private async Task<string> EmailOfAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? actor.UserId;
    }

    public static string Label(ReconciliationMismatchKind kind) => kind switch
    {
        ReconciliationMismatchKind.MissingOnOurSide => "Missing on our side",
        ReconciliationMismatchKind.MissingAtProcessor => "Missing at the processor",
        ReconciliationMismatchKind.AmountDiffers => "Amount differs",
        ReconciliationMismatchKind.StatusDiffers => "Status differs",
        _ => "Refund differs",
    };

    public static string Amount(long? minor, string currency) =>
        minor is { } m ? new Money(m, Currency.FromCode(currency)).Format() : "—";

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
