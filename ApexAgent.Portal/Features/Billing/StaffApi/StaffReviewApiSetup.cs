using ApexAgent.Portal.Features.Billing.Reconciliation.Api;
using ApexAgent.Portal.Features.Tax.Api;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>The staff APIs for work that was page-only: payment reconciliation and tax exemption review.</summary>
public static class StaffReviewApiSetup
{
    public static void MapStaffReviewApis(this WebApplication app)
    {
        app.MapReconciliationAdminApi();
        app.MapTaxExemptionAdminApi();
    }
}
