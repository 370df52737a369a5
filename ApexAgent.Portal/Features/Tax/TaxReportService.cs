using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Tax;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>
/// Tax per jurisdiction for a period, from the invoices' own tax lines (so it reconciles with them to the cent): invoices
/// finalised in the period (void ones excluded) give the taxable base, the tax collected, exempt and reverse-charged
/// bases; a credit note finalised in the period credits the tax of the invoice it corrects in proportion to the amount
/// credited (credit ÷ invoice total × each tax line, rounded per line, half away from zero) — ADR 0021.
/// </summary>
public sealed class TaxReportService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(3 * 366);

    /// <summary>Reads the API's from/to (ISO dates, to exclusive; default: the current month) and format (json, csv, pdf).</summary>
    public static Result<(DateTimeOffset From, DateTimeOffset To, string Format)> ReadPeriod(string? from, string? to, string? format)
    {
        var errors = new FieldErrors();
        DateOnly start = default, end = default;
        errors.Require(from is not null && DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start), "from", "from is a date like 2026-01-01.");
        errors.Require(to is not null && DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out end), "to", "to is a date like 2026-04-01 (exclusive).");
        var kind = (format ?? "json").ToLowerInvariant();
        errors.Require(kind is "json" or "csv" or "pdf", "format", "format is json, csv or pdf.");
        if (!errors.Any)
        {
            errors.Require(end > start, "to", "to must be after from.");
            errors.Require(end.DayNumber - start.DayNumber <= LongestPeriod.TotalDays, "to", "A report covers at most three years.");
            errors.Require(start.Year >= 2000 && end.Year <= 2100, "from", "Dates must be between 2000 and 2100.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        return (Utc(start), Utc(end), kind);
    }

    public static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public async Task<Result<TaxReport>> BuildAsync(Actor actor, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("see the tax report");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = await (from i in db.Invoices
                           where i.Kind == InvoiceKind.Invoice && i.FinalizedAt != null && i.FinalizedAt >= start && i.FinalizedAt < end && i.Status != InvoiceStatus.Void
                           from l in i.Lines
                           where l.TaxJurisdiction != null
                           select new { i.Id, i.CurrencyCode, l.Kind, l.TaxJurisdiction, l.AmountMinor, l.TaxableMinor }).AsNoTracking().ToListAsync(ct);

        var notes = await (from n in db.Invoices
                           where n.Kind == InvoiceKind.CreditNote && n.FinalizedAt != null && n.FinalizedAt >= start && n.FinalizedAt < end && n.CorrectsInvoiceId != null
                           join i in db.Invoices on n.CorrectsInvoiceId equals i.Id
                           select new { Credited = n.TotalMinor, InvoiceTotal = i.TotalMinor, i.CurrencyCode, InvoiceId = i.Id }).AsNoTracking().ToListAsync(ct);
        var corrected = notes.Select(n => n.InvoiceId).Distinct().ToList();
        var correctedTax = (await db.Invoices.AsNoTracking()
                .Where(i => corrected.Contains(i.Id))
                .SelectMany(i => i.Lines.Where(l => l.Kind == InvoiceLineKind.Tax && l.TaxJurisdiction != null).Select(l => new { l.InvoiceId, l.TaxJurisdiction, l.AmountMinor }))
                .ToListAsync(ct))
            .ToLookup(l => l.InvoiceId);

        var credited = new Dictionary<(string, string), long>();
        foreach (var note in notes.Where(n => n.InvoiceTotal > 0))
        {
            foreach (var line in correctedTax[note.InvoiceId])
            {
                var key = (line.TaxJurisdiction!, note.CurrencyCode);
                credited[key] = credited.GetValueOrDefault(key) + CreditedTax(line.AmountMinor, note.Credited, note.InvoiceTotal);
            }
        }

        var table = TaxRateTable.Default;
        var keys = lines.Select(l => (l.TaxJurisdiction!, l.CurrencyCode)).Concat(credited.Keys).Distinct();
        var rows = keys.Select(k =>
            {
                var of = lines.Where(l => l.TaxJurisdiction == k.Item1 && l.CurrencyCode == k.Item2).ToList();
                return new TaxReportRow(k.Item1, table.NameOf(k.Item1), k.Item2,
                    of.Where(l => l.Kind == TaxLineKind.Charged).Sum(l => l.TaxableMinor ?? 0),
                    of.Where(l => l.Kind == TaxLineKind.Charged).Sum(l => l.AmountMinor),
                    credited.GetValueOrDefault(k),
                    of.Where(l => l.Kind == TaxLineKind.Exempt).Sum(l => l.TaxableMinor ?? 0),
                    of.Where(l => l.Kind == TaxLineKind.ReverseCharge).Sum(l => l.TaxableMinor ?? 0),
                    of.Select(l => l.Id).Distinct().Count());
            })
            .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.CurrencyCode, StringComparer.Ordinal)
            .ToList();
        return new TaxReport(start, end, rows, clock.GetUtcNow());
    }

    /// <summary>The tax share of a credit: the tax line × credited ÷ invoice total, rounded once, half away from zero.</summary>
    public static long CreditedTax(long taxMinor, long creditedMinor, long invoiceTotalMinor) =>
        (long)Math.Round(taxMinor * (decimal)creditedMinor / invoiceTotalMinor, 0, MidpointRounding.AwayFromZero);
}
