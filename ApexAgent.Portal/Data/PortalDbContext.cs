using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Email;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Support;
using ApexAgent.Portal.Integrations.Sandbox;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<OrganizationUnit> OrganizationUnits => Set<OrganizationUnit>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<SupportView> SupportViews => Set<SupportView>();

    public DbSet<TierVersion> TierVersions => Set<TierVersion>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<OutboxMessage> EmailOutbox => Set<OutboxMessage>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<InvoiceNumberSeries> InvoiceNumberSeries => Set<InvoiceNumberSeries>();

    public DbSet<BillingAccount> BillingAccounts => Set<BillingAccount>();

    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<AccountBalanceEntry> AccountBalanceEntries => Set<AccountBalanceEntry>();

    public DbSet<SubscriptionEvent> SubscriptionEvents => Set<SubscriptionEvent>();

    public DbSet<SandboxCharge> SandboxCharges => Set<SandboxCharge>();

    public DbSet<Features.Billing.Reconciliation.ReconciliationRun> ReconciliationRuns => Set<Features.Billing.Reconciliation.ReconciliationRun>();

    public DbSet<Features.Billing.Reconciliation.ReconciliationMismatch> ReconciliationMismatches => Set<Features.Billing.Reconciliation.ReconciliationMismatch>();
    public DbSet<Integrations.PayPal.PayPalCharge> PayPalCharges => Set<Integrations.PayPal.PayPalCharge>();

    public DbSet<Integrations.PayPal.StoredPayPalApproval> PayPalApprovals => Set<Integrations.PayPal.StoredPayPalApproval>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<Grant> CreditGrants => Set<Grant>();

    public DbSet<CreditEntry> CreditEntries => Set<CreditEntry>();

    public DbSet<UsageEvent> UsageEvents => Set<UsageEvent>();

    public DbSet<UsageDay> UsageDays => Set<UsageDay>();

    public DbSet<UsageHour> UsageHours => Set<UsageHour>();

    public DbSet<CreditBurnDay> CreditBurnDays => Set<CreditBurnDay>();

    public DbSet<CreditPool> CreditPools => Set<CreditPool>();

    public DbSet<LowBalanceAlert> LowBalanceAlerts => Set<LowBalanceAlert>();

    public DbSet<RateCardVersion> RateCardVersions => Set<RateCardVersion>();

    public DbSet<Features.Credits.Purchases.CreditPurchase> CreditPurchases => Set<Features.Credits.Purchases.CreditPurchase>();

    public DbSet<Features.Documents.StoredDocument> StoredDocuments => Set<Features.Documents.StoredDocument>();
    public DbSet<Features.Billing.Webhooks.ProcessorEvent> ProcessorEvents => Set<Features.Billing.Webhooks.ProcessorEvent>();

    public DbSet<Features.Billing.Webhooks.PaymentDispute> PaymentDisputes => Set<Features.Billing.Webhooks.PaymentDispute>();

    public DbSet<Features.Tax.TaxExemptionCertificate> TaxExemptionCertificates => Set<Features.Tax.TaxExemptionCertificate>();

    public DbSet<Domain.Discounts.DiscountCode> DiscountCodes => Set<Domain.Discounts.DiscountCode>();

    public DbSet<Domain.Discounts.DiscountRedemption> DiscountRedemptions => Set<Domain.Discounts.DiscountRedemption>();

    public DbSet<Features.Verification.VerificationApplication> VerificationApplications => Set<Features.Verification.VerificationApplication>();

    public DbSet<Features.Verification.VerificationEvidence> VerificationEvidence => Set<Features.Verification.VerificationEvidence>();

    public DbSet<Features.Verification.VerificationEvent> VerificationEvents => Set<Features.Verification.VerificationEvent>();

    public DbSet<Features.Verification.AgreementAcceptance> AgreementAcceptances => Set<Features.Verification.AgreementAcceptance>();

    public DbSet<Features.Verification.RegulatedFeatureSetting> RegulatedFeatureSettings => Set<Features.Verification.RegulatedFeatureSetting>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store instants as UTC ticks (works on PostgreSQL too).
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }
    }
}
