using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Tests.Domain.Billing;

public sealed class InvoiceTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly BillingBuyer Buyer = new("Acme", "billing@acme.test", "1 Road", null);

    private static Money Usd(long minor) => new(minor, Currency.Usd);

    private static Invoice Draft(CollectionMethod collection = CollectionMethod.ChargeAutomatically) =>
        Invoice.Draft(Guid.NewGuid(), Guid.NewGuid(), InvoicePurpose.Renewal, Currency.Usd, BillingPeriod.Starting(Now, BillingCycle.Monthly), collection, Now);

    [Fact]
    public void A_draft_adds_up_its_lines_and_numbers_them_in_order()
    {
        var invoice = Draft();
        invoice.AddLine(InvoiceLineKind.Seats, "Team seats", Usd(12_000), 3, Usd(4_000));
        invoice.AddLine(InvoiceLineKind.UnusedTime, "Unused", Usd(-1_234));

        Assert.Equal(InvoiceStatus.Draft, invoice.Status);
        Assert.Equal(10_766, invoice.TotalMinor);
        Assert.Equal([1, 2], invoice.Lines.Select(l => l.Position));
        Assert.Equal((3, 4_000), (invoice.Lines[0].Quantity, invoice.Lines[0].UnitAmountMinor));
        Assert.Null(invoice.Number);
        Assert.Throws<InvalidOperationException>(() => invoice.AddLine(InvoiceLineKind.Plan, "Euro", new Money(100, Currency.Eur)));
    }

    [Fact]
    public void Finalising_numbers_and_freezes_the_invoice_and_schedules_the_charge()
    {
        var invoice = Draft();
        invoice.AddLine(InvoiceLineKind.Plan, "Pro", Usd(2_000));
        invoice.Finalise("APX-2027-000001", Buyer, Now, 0);

        Assert.Equal((InvoiceStatus.Open, "APX-2027-000001", "Acme"), (invoice.Status, invoice.Number, invoice.BuyerName));
        Assert.Equal(Now, invoice.NextAttemptAt);
        Assert.Equal(Now, invoice.DueAt);
        Assert.Equal(2_000, invoice.AmountDue.Minor);
        Assert.Throws<InvalidOperationException>(() => invoice.AddLine(InvoiceLineKind.Plan, "More", Usd(1)));
        Assert.Throws<InvalidOperationException>(() => invoice.ApplyAccountBalance(Usd(500)));
        Assert.Throws<InvalidOperationException>(() => invoice.Finalise("APX-2027-000002", Buyer, Now, 0));
    }

    [Fact]
    public void Invoices_sent_for_payment_are_due_after_their_terms_and_never_charged_automatically()
    {
        var invoice = Draft(CollectionMethod.SendInvoice);
        invoice.AddLine(InvoiceLineKind.Plan, "Enterprise", Usd(720_000));
        invoice.Finalise("APX-2027-000001", Buyer, Now, 30);
        Assert.Equal(Now.AddDays(30), invoice.DueAt);
        Assert.Null(invoice.NextAttemptAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-500)]
    public void Zero_and_negative_totals_are_paid_at_once(long total)
    {
        var invoice = Draft();
        invoice.AddLine(InvoiceLineKind.UnusedTime, "Credit", Usd(total));
        invoice.Finalise("APX-2027-000001", Buyer, Now, 0);
        Assert.Equal((InvoiceStatus.Paid, (DateTimeOffset?)Now, (DateTimeOffset?)null), (invoice.Status, invoice.PaidAt, invoice.NextAttemptAt));
        Assert.Equal(0, invoice.AmountDue.Minor);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-300, 0)]
    [InlineData(500, 500)]
    [InlineData(2_000, 2_000)]
    [InlineData(5_000, 2_000)]
    public void The_account_balance_applied_is_capped_by_the_total(long available, long used)
    {
        var invoice = Draft();
        invoice.AddLine(InvoiceLineKind.Plan, "Pro", Usd(2_000));
        Assert.Equal(used, invoice.ApplyAccountBalance(Usd(available)).Minor);
        Assert.Equal(2_000 - used, invoice.TotalMinor);
        Assert.Equal(2_000, invoice.Subtotal.Minor);
        Assert.Equal(used, invoice.BalanceApplied.Minor);
        Assert.Equal(used > 0 ? 2 : 1, invoice.Lines.Count);
    }

    [Fact]
    public void No_balance_is_applied_to_a_credit()
    {
        var invoice = Draft();
        invoice.AddLine(InvoiceLineKind.UnusedTime, "Unused", Usd(-800));
        Assert.Equal(0, invoice.ApplyAccountBalance(Usd(1_000)).Minor);
    }

    [Fact]
    public void Paid_void_and_uncollectible_only_follow_an_open_invoice()
    {
        var draft = Draft();
        draft.AddLine(InvoiceLineKind.Plan, "Pro", Usd(2_000));
        Assert.Throws<InvalidOperationException>(() => draft.MarkPaid(Now));
        Assert.Throws<InvalidOperationException>(() => draft.Void(Now));
        Assert.Throws<InvalidOperationException>(() => draft.MarkUncollectible(Now));
        Assert.Throws<InvalidOperationException>(() => draft.RecordFailedAttempt(Now, DunningSchedule.Default));

        draft.Finalise("APX-2027-000001", Buyer, Now, 0);
        draft.MarkPaid(Now.AddHours(1));
        Assert.Equal((InvoiceStatus.Paid, 2_000L, (DateTimeOffset?)null), (draft.Status, draft.AmountPaidMinor, draft.NextAttemptAt));
        Assert.Throws<InvalidOperationException>(() => draft.MarkPaid(Now));
        Assert.Throws<InvalidOperationException>(() => draft.Void(Now));
        Assert.Throws<InvalidOperationException>(() => draft.MarkUncollectible(Now));
        Assert.Throws<InvalidOperationException>(() => draft.RetryNow(Now));

        var voided = Finalised();
        voided.Void(Now);
        Assert.Equal(InvoiceStatus.Void, voided.Status);
        Assert.Throws<InvalidOperationException>(() => voided.MarkPaid(Now));

        var lost = Finalised();
        lost.MarkUncollectible(Now);
        Assert.Equal((InvoiceStatus.Uncollectible, 0L), (lost.Status, lost.AmountDue.Minor));
        Assert.Throws<InvalidOperationException>(() => lost.MarkPaid(Now));
    }

    [Fact]
    public void Failed_attempts_follow_the_dunning_schedule_from_the_first_failure()
    {
        var invoice = Finalised();
        var at = Now;
        foreach (var (days, next) in new (int, int?)[] { (0, 1), (1, 3), (3, 5), (5, 7), (7, null) })
        {
            invoice.RecordFailedAttempt(Now.AddDays(days), DunningSchedule.Default);
            Assert.Equal(next is { } d ? Now.AddDays(d) : null, invoice.NextAttemptAt);
        }

        Assert.Equal((5, (DateTimeOffset?)at), (invoice.AttemptCount, invoice.FirstFailedAt));
        invoice.RetryNow(Now.AddDays(8));
        Assert.Equal(Now.AddDays(8), invoice.NextAttemptAt);
    }

    [Fact]
    public void Credits_are_positive_and_never_exceed_the_total()
    {
        var invoice = Finalised();
        invoice.Credit(Usd(500));
        Assert.Equal(1_500, invoice.CreditableMinor);
        Assert.Throws<InvalidOperationException>(() => invoice.Credit(Usd(0)));
        Assert.Throws<InvalidOperationException>(() => invoice.Credit(Usd(1_501)));
        invoice.Credit(Usd(1_500));
        Assert.Equal(0, invoice.CreditableMinor);
    }

    [Fact]
    public void A_discarded_draft_is_void_and_never_numbered()
    {
        var invoice = Draft();
        invoice.AddLine(InvoiceLineKind.Plan, "Pro", Usd(2_000));
        invoice.Discard(Now);
        Assert.Equal((InvoiceStatus.Void, (string?)null), (invoice.Status, invoice.Number));
        Assert.Throws<InvalidOperationException>(() => invoice.Finalise("APX-2027-000001", Buyer, Now, 0));
    }

    [Theory]
    [InlineData(InvoiceKind.Invoice, 2026, 123, "APX-2026-000123")]
    [InlineData(InvoiceKind.CreditNote, 2027, 45, "CN-2027-000045")]
    [InlineData(InvoiceKind.Invoice, 2028, 1_234_567, "APX-2028-1234567")]
    public void Invoice_numbers_have_a_series_a_year_and_six_digits(InvoiceKind kind, int year, long sequence, string expected) =>
        Assert.Equal(expected, InvoiceNumber.Format(kind, year, sequence));

    [Fact]
    public void The_dunning_schedule_retries_after_one_three_five_and_seven_days_then_falls_back_a_week_later()
    {
        var schedule = DunningSchedule.Default;
        Assert.Null(schedule.NextAttempt(0, Now));
        Assert.Equal([Now.AddDays(1), Now.AddDays(3), Now.AddDays(5), Now.AddDays(7)], Enumerable.Range(1, 4).Select(n => schedule.NextAttempt(n, Now)!.Value));
        Assert.Null(schedule.NextAttempt(5, Now));
        Assert.Equal(Now.AddDays(7), schedule.FallbackAt(Now));
        Assert.Equal(Now.AddDays(2), new DunningSchedule([2], 0).NextAttempt(1, Now));
    }

    private static Invoice Finalised()
    {
        var invoice = Draft();
        invoice.AddLine(InvoiceLineKind.Plan, "Pro", Usd(2_000));
        invoice.Finalise("APX-2027-000001", Buyer, Now, 0);
        return invoice;
    }
}
