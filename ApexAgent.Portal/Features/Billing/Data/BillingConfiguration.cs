using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Integrations.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Billing.Data;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> invoice)
    {
        invoice.ToTable("Invoices");
        invoice.HasKey(i => i.Id);
        invoice.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        invoice.Property(i => i.Purpose).HasConversion<string>().HasMaxLength(20);
        invoice.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        invoice.Property(i => i.CollectionMethod).HasConversion<string>().HasMaxLength(30);
        invoice.Property(i => i.Number).HasMaxLength(20);
        invoice.Property(i => i.CurrencyCode).HasMaxLength(3);
        invoice.Property(i => i.Reason).HasMaxLength(500);
        invoice.Property(i => i.Memo).HasMaxLength(300);
        invoice.Property(i => i.BuyerName).HasMaxLength(200);
        invoice.Property(i => i.BuyerEmail).HasMaxLength(256);
        invoice.Property(i => i.BuyerAddress).HasMaxLength(500);
        invoice.Property(i => i.BuyerTaxId).HasMaxLength(40);
        invoice.Ignore(i => i.Currency);
        invoice.Ignore(i => i.Total);
        invoice.Ignore(i => i.AmountDue);
        invoice.Ignore(i => i.Subtotal);
        invoice.Ignore(i => i.BalanceApplied);
        invoice.Ignore(i => i.CreditableMinor);
        invoice.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        invoice.Navigation(i => i.Lines).HasField("lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        invoice.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId);

        // Gapless numbers are unique; a subscription has one first-period or renewal invoice per period.
        invoice.HasIndex(i => i.Number).IsUnique();
        invoice.HasIndex(i => new { i.SubscriptionId, i.PeriodStart }).IsUnique()
            .HasFilter("\"Purpose\" IN ('FirstPeriod', 'Renewal') AND \"Status\" <> 'Void'")
            .HasDatabaseName("IX_Invoices_OnePerSubscriptionPeriod");
        invoice.HasIndex(i => new { i.OrganizationId, i.CreatedAt });
        invoice.HasIndex(i => new { i.Status, i.NextAttemptAt });
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> line)
    {
        line.ToTable("InvoiceLines");
        line.HasKey(l => new { l.InvoiceId, l.Position });
        line.Property(l => l.Kind).HasMaxLength(40);
        line.Property(l => l.Description).HasMaxLength(300);
        line.Property(l => l.TaxJurisdiction).HasMaxLength(10);
        line.Property(l => l.TaxRate).HasPrecision(9, 6);
    }
}

internal sealed class BillingAccountConfiguration : IEntityTypeConfiguration<BillingAccount>
{
    public void Configure(EntityTypeBuilder<BillingAccount> account)
    {
        account.ToTable("BillingAccounts");
        account.HasKey(a => a.OrganizationId);
        account.Property(a => a.BillingName).HasMaxLength(200);
        account.Property(a => a.BillingEmail).HasMaxLength(256);
        account.Property(a => a.Address).HasMaxLength(500);
        account.Property(a => a.Country).HasMaxLength(2);
        account.Property(a => a.TaxId).HasMaxLength(40);
        account.Property(a => a.Region).HasMaxLength(3);
        account.Property(a => a.PostalCode).HasMaxLength(20);
        account.Property(a => a.CurrencyCode).HasMaxLength(3);
        account.Property(a => a.Processor).HasMaxLength(20);
        account.Property(a => a.ProcessorCustomerId).HasMaxLength(100);
        account.HasOne<Organization>().WithOne().HasForeignKey<BillingAccount>(a => a.OrganizationId);
    }
}

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> method)
    {
        method.ToTable("PaymentMethods");
        method.HasKey(m => m.Id);
        method.Property(m => m.Processor).HasMaxLength(20);
        method.Property(m => m.ProcessorToken).HasMaxLength(200);
        method.Property(m => m.Type).HasMaxLength(20);
        method.Property(m => m.Brand).HasMaxLength(30);
        method.Property(m => m.Last4).HasMaxLength(4);
        method.Property(m => m.DeclineCode).HasMaxLength(60);
        method.HasIndex(m => m.OrganizationId);
        method.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable("Payments");
        payment.HasKey(p => p.Id);
        payment.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        payment.Property(p => p.CurrencyCode).HasMaxLength(3);
        payment.Property(p => p.Processor).HasMaxLength(20);
        payment.Property(p => p.IdempotencyKey).HasMaxLength(120);
        payment.Property(p => p.ProcessorPaymentId).HasMaxLength(100);
        payment.Property(p => p.FailureCode).HasMaxLength(60);
        payment.Property(p => p.FailureMessage).HasMaxLength(300);
        payment.Property(p => p.MethodDescription).HasMaxLength(60);
        payment.Ignore(p => p.Amount);
        payment.HasIndex(p => p.IdempotencyKey).IsUnique();
        payment.HasIndex(p => new { p.OrganizationId, p.CreatedAt });
        payment.HasIndex(p => p.InvoiceId);
        payment.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId);
    }
}

internal sealed class AccountBalanceEntryConfiguration : IEntityTypeConfiguration<AccountBalanceEntry>
{
    public void Configure(EntityTypeBuilder<AccountBalanceEntry> entry)
    {
        entry.ToTable("AccountBalanceEntries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.CurrencyCode).HasMaxLength(3);
        entry.Property(e => e.Description).HasMaxLength(300);
        entry.HasIndex(e => e.OrganizationId);
        entry.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId);
    }
}

internal sealed class InvoiceNumberSeriesConfiguration : IEntityTypeConfiguration<InvoiceNumberSeries>
{
    public void Configure(EntityTypeBuilder<InvoiceNumberSeries> series)
    {
        series.ToTable("InvoiceNumberSeries");
        series.HasKey(s => new { s.Series, s.Year });
        series.Property(s => s.Series).HasMaxLength(10);
    }
}

internal sealed class SubscriptionEventConfiguration : IEntityTypeConfiguration<SubscriptionEvent>
{
    public void Configure(EntityTypeBuilder<SubscriptionEvent> e)
    {
        e.ToTable("SubscriptionEvents");
        e.HasKey(x => x.Id);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Tier).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ActorUserId).HasMaxLength(450);
        e.Property(x => x.ActorName).HasMaxLength(200);
        e.Property(x => x.From).HasMaxLength(200);
        e.Property(x => x.To).HasMaxLength(200);
        e.Property(x => x.CurrencyCode).HasMaxLength(3);
        e.Property(x => x.Note).HasMaxLength(300);
        e.HasIndex(x => new { x.OrganizationId, x.At });
        e.HasIndex(x => x.At);
    }
}

internal sealed class SandboxChargeConfiguration : IEntityTypeConfiguration<SandboxCharge>
{
    public void Configure(EntityTypeBuilder<SandboxCharge> charge)
    {
        charge.ToTable("SandboxCharges");
        charge.HasKey(c => c.Id);
        charge.Property(c => c.Id).HasMaxLength(60);
        charge.Property(c => c.IdempotencyKey).HasMaxLength(120);
        charge.Property(c => c.MethodToken).HasMaxLength(200);
        charge.Property(c => c.CurrencyCode).HasMaxLength(3);
        charge.Property(c => c.RefundOf).HasMaxLength(60);
        charge.Property(c => c.Status).HasMaxLength(20);
        charge.Property(c => c.FailureCode).HasMaxLength(60);
        charge.HasIndex(c => c.IdempotencyKey).IsUnique();
        charge.HasIndex(c => c.MethodToken);
    }
}
