using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Dashboard;

/// <summary>Everything the dashboard shows, read in one go.</summary>
public sealed record DashboardView(
    AccountSnapshot Account,
    Tier Tier,
    int ActiveApiKeys,
    bool TwoFactorEnabled,
    bool BillingDetailsComplete)
{
    public IReadOnlyList<ChecklistStep> Checklist =>
    [
        new("Confirm your email address", Account.EmailConfirmed, "/Account/Manage/Email"),
        new("Add your billing details", BillingDetailsComplete, "/settings"),
        new("Turn on two-factor sign-in", TwoFactorEnabled, "/Account/Manage/TwoFactorAuthentication"),
        new("Create your first API key", ActiveApiKeys > 0, "/api-keys"),
    ];

    public sealed record ChecklistStep(string Title, bool Done, string Href);
}
