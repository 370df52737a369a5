using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Domain.Billing;

/// <summary>
/// An invoice or a credit note. Lines are added while it is a draft; finalising numbers it and freezes it (PRODUCT.md:
/// a finalised invoice is never edited, only voided or corrected with a credit note).
/// </summary>
public sealed class Invoice
{
    private readonly List<InvoiceLine> lines = [];

    private Invoice()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid? SubscriptionId { get; private set; }

    public InvoiceKind Kind { get; private set; }

    public InvoicePurpose Purpose { get; private set; }

    public InvoiceStatus Status { get; private set; }

    public CollectionMethod CollectionMethod { get; private set; }

    /// <summary>Null until finalised, e.g. <c>APX-2026-000123</c>.</summary>
    public string? Number { get; private set; }

    public string CurrencyCode { get; private set; } = "USD";

    /// <summary>The period this invoice is for (renewals and first periods), or the change's span (prorations).</summary>
    public DateTimeOffset? PeriodStart { get; private set; }

    public DateTimeOffset? PeriodEnd { get; private set; }

    public long TotalMinor { get; private set; }

    public long AmountPaidMinor { get; private set; }

    /// <summary>Amount refunded or credited by credit notes against this invoice.</summary>
    public long AmountCreditedMinor { get; private set; }

    /// <summary>For a credit note: the invoice it corrects.</summary>
    public Guid? CorrectsInvoiceId { get; private set; }

    /// <summary>For a credit note: why it was issued.</summary>
    public string? Reason { get; private set; }

    /// <summary>For a plan-change invoice: what the change was, shown on the invoice and in the timeline.</summary>
    public string? Memo { get; private set; }

    public string BuyerName { get; private set; } = "";

    public string? BuyerEmail { get; private set; }

    public string? BuyerAddress { get; private set; }

    public string? BuyerTaxId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? FinalizedAt { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset? VoidedAt { get; private set; }

    /// <summary>Failed automatic payment attempts so far.</summary>
    public int AttemptCount { get; private set; }

    public DateTimeOffset? FirstFailedAt { get; private set; }

    /// <summary>When the next automatic payment attempt is due (null: none planned).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public IReadOnlyList<InvoiceLine> Lines => lines;

    public Currency Currency => Currency.FromCode(CurrencyCode);

    public Money Total => new(TotalMinor, Currency);

    public Money AmountDue => new(Status == InvoiceStatus.Open ? TotalMinor - AmountPaidMinor : 0, Currency);

    /// <summary>The sum of every line but the account-balance credit.</summary>
    public Money Subtotal => new(lines.Where(l => l.Kind != InvoiceLineKind.AccountBalance).Sum(l => l.AmountMinor), Currency);

    public Money BalanceApplied => new(-lines.Where(l => l.Kind == InvoiceLineKind.AccountBalance).Sum(l => l.AmountMinor), Currency);

    public static Invoice Draft(Guid organizationId, Guid? subscriptionId, InvoicePurpose purpose, Currency currency, BillingPeriod? period, CollectionMethod collection, DateTimeOffset now, string? memo = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        SubscriptionId = subscriptionId,
        Kind = InvoiceKind.Invoice,
        Purpose = purpose,
        Status = InvoiceStatus.Draft,
        CollectionMethod = collection,
        CurrencyCode = currency.Code,
        PeriodStart = period?.Start,
        PeriodEnd = period?.End,
        CreatedAt = now,
        Memo = memo,
    };

    /// <summary>A draft credit note against <paramref name="invoice"/> (which must be finalised).</summary>
    public static Invoice CreditNoteFor(Invoice invoice, string reason, DateTimeOffset now)
    {
        if (invoice.Kind != InvoiceKind.Invoice || invoice.Status is InvoiceStatus.Draft or InvoiceStatus.Void)
        {
            throw new InvalidOperationException("Only a finalised invoice that is not void can be credited.");
        }

        return new Invoice
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = invoice.OrganizationId,
            SubscriptionId = invoice.SubscriptionId,
            Kind = InvoiceKind.CreditNote,
            Purpose = InvoicePurpose.Correction,
            Status = InvoiceStatus.Draft,
            CollectionMethod = invoice.CollectionMethod,
            CurrencyCode = invoice.CurrencyCode,
            PeriodStart = invoice.PeriodStart,
            PeriodEnd = invoice.PeriodEnd,
            CorrectsInvoiceId = invoice.Id,
            Reason = reason,
            CreatedAt = now,
        };
    }

    public void AddLine(string kind, string description, Money amount, long quantity = 1, Money? unitAmount = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        RequireDraft();
        RequireCurrency(amount);
        lines.Add(new InvoiceLine(Id, lines.Count + 1, kind, description, quantity, (unitAmount ?? amount).Minor, amount.Minor, from, to));
        TotalMinor = checked(TotalMinor + amount.Minor);
    }

    /// <summary>Adds a tax line (kind <c>tax</c> or <c>tax.*</c>) carrying its jurisdiction, rate and taxable base.</summary>
    public void AddTaxLine(string kind, string description, Money amount, string jurisdiction, decimal rate, long taxableMinor)
    {
        if (!InvoiceLineKind.IsTax(kind))
        {
            throw new ArgumentException($"'{kind}' is not a tax line kind.", nameof(kind));
        }

        AddLine(kind, description, amount);
        lines[^1].MarkTax(jurisdiction, rate, taxableMinor);
    }

    /// <summary>Uses up to <paramref name="available"/> account balance against what this draft would charge; returns what it used.</summary>
    public Money ApplyAccountBalance(Money available)
    {
        RequireDraft();
        RequireCurrency(available);
        var used = Math.Min(Math.Max(available.Minor, 0), Math.Max(TotalMinor, 0));
        if (used > 0)
        {
            AddLine(InvoiceLineKind.AccountBalance, "Applied from account balance", new Money(-used, Currency));
        }

        return new Money(used, Currency);
    }

    /// <summary>Numbers and freezes the draft. An invoice with nothing to pay is paid at once.</summary>
    public void Finalise(string number, BillingBuyer buyer, DateTimeOffset now, int daysUntilDue)
    {
        RequireDraft();
        Number = number;
        BuyerName = buyer.Name;
        BuyerEmail = buyer.Email;
        BuyerAddress = buyer.Address;
        BuyerTaxId = buyer.TaxId;
        FinalizedAt = now;
        DueAt = CollectionMethod == CollectionMethod.SendInvoice ? now.AddDays(daysUntilDue) : now;
        Status = InvoiceStatus.Open;
        NextAttemptAt = CollectionMethod == CollectionMethod.ChargeAutomatically ? now : null;
        if (Kind == InvoiceKind.CreditNote || TotalMinor <= 0)
        {
            Status = InvoiceStatus.Paid;
            PaidAt = now;
            NextAttemptAt = null;
        }
    }

    /// <summary>Abandons a draft whose payment failed: it never gets a number and is not a document.</summary>
    public void Discard(DateTimeOffset now)
    {
        RequireDraft();
        Status = InvoiceStatus.Void;
        VoidedAt = now;
    }

    public void MarkPaid(DateTimeOffset now)
    {
        RequireOpen();
        AmountPaidMinor = TotalMinor;
        Status = InvoiceStatus.Paid;
        PaidAt = now;
        NextAttemptAt = null;
    }

    /// <summary>Records a failed automatic payment and when to try again (null: no more retries).</summary>
    public void RecordFailedAttempt(DateTimeOffset now, DunningSchedule schedule)
    {
        RequireOpen();
        AttemptCount++;
        FirstFailedAt ??= now;
        NextAttemptAt = schedule.NextAttempt(AttemptCount, FirstFailedAt.Value);
    }

    /// <summary>Asks for an attempt at once (the customer updated their payment method).</summary>
    public void RetryNow(DateTimeOffset now)
    {
        RequireOpen();
        NextAttemptAt = now;
    }

    public void Void(DateTimeOffset now)
    {
        RequireOpen();
        Status = InvoiceStatus.Void;
        VoidedAt = now;
        NextAttemptAt = null;
    }

    public void MarkUncollectible(DateTimeOffset now)
    {
        RequireOpen();
        Status = InvoiceStatus.Uncollectible;
        VoidedAt = now;
        NextAttemptAt = null;
    }

    /// <summary>Records a finalised credit note against this invoice.</summary>
    public void Credit(Money amount)
    {
        RequireCurrency(amount);
        if (amount.Minor <= 0 || amount.Minor > CreditableMinor)
        {
            throw new InvalidOperationException("A credit must be positive and at most what is left to credit.");
        }

        AmountCreditedMinor += amount.Minor;
    }

    /// <summary>What credit notes may still credit: the total of a finalised invoice less what was already credited.</summary>
    public long CreditableMinor => Math.Max(0, TotalMinor - AmountCreditedMinor);

    private void RequireDraft()
    {
        if (Status != InvoiceStatus.Draft)
        {
            throw new InvalidOperationException($"Invoice {Number} is finalised and cannot be edited.");
        }
    }

    private void RequireOpen()
    {
        if (Status != InvoiceStatus.Open)
        {
            throw new InvalidOperationException($"Invoice {Number} is {Status}, not open.");
        }
    }

    private void RequireCurrency(Money amount)
    {
        if (amount.Currency.Code != CurrencyCode)
        {
            throw new InvalidOperationException($"Invoice is in {CurrencyCode}, not {amount.Currency.Code}.");
        }
    }
}
