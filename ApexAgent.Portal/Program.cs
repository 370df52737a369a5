using ApexAgent.Portal.Api;
using ApexAgent.Portal.Components;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Webhooks;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Dashboard;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Portal.Features.Discounts;
using ApexAgent.Portal.Features.Email;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using ApexAgent.Portal.Features.Tax;
using ApexAgent.Portal.Features.TestClock;
using ApexAgent.Portal.Features.Verification;
using ApexAgent.Portal.Integrations.Pdf;
using ApexAgent.Portal.Integrations.Stripe;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.AddTestClock();    // replaces the clock when TestClock:Enabled (Development only)
builder.AddPortalDatabase();
builder.AddAudit();         // the audit log and the read-only guard, on every database context
builder.AddPortalApi();
builder.AddApiRateLimiting();
builder.AddPortalUi();
builder.AddAccounts();
builder.AddEmail();
builder.AddCatalog();
builder.AddSubscriptions();
builder.AddBilling();
builder.AddPaymentReconciliation();
builder.AddWebhooks();
builder.AddStaffNotices();  // disputes reach platform staff in the bell and by email
builder.AddStripe();       // Stripe as the card processor when Stripe:SecretKey is set; else the sandbox
builder.AddCredits();
builder.AddTax();
builder.AddDiscounts();
builder.AddInvoicePdfs();
builder.AddApiKeys();
builder.AddOrganizations();
builder.AddDashboard();
builder.AddDemo();
builder.AddVerification();

var app = builder.Build();

app.UsePortalApi();
app.UsePortalUi();
app.UseRouting();       // after the error handlers, so that a re-executed request is routed again
app.UseAuthentication();
app.UseActingContext();
app.UseAuthorization();
app.UseRateLimiter();    // after authentication: each API key has its own bucket
app.UseAntiforgery();

app.MapPortalUi();
app.MapPortalApi();
app.MapAudit();
app.MapAccounts();
app.MapCatalog();
app.MapApiKeys();
app.MapOrganizations();
app.MapBilling();
app.MapWebhooks();
app.MapStripe();
app.MapInvoicePdfs();
app.MapBillingOperations();
app.MapBillingPages();
app.MapTax();
app.MapCredits();
app.MapDiscounts();
app.MapVerification();
app.MapStaffReviewApis();

await app.PrepareDatabaseAsync();
await app.EnsureCatalogAsync();
await app.EnsureRateCardAsync();
await app.SeedDemoAsync();

await app.RunAsync();

/// <summary>The composition root; public so that tests can host the app.</summary>
public partial class Program;
