using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Tax.Api;

/// <summary>
/// Staff API for reviewing tax exemption certificates (what <c>/admin/tax/exemptions</c> does, with the same
/// permission, <see cref="Permission.BillingOperate"/>, which a platform admin's key may carry): list by status,
/// approve, reject with a reason (audited; the customer is notified).
/// </summary>
public static class TaxExemptionAdminApi
{
    public static void MapTaxExemptionAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapApiGroup("/admin/tax/exemptions", "Billing operations (staff)").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", List).RequirePermission(Permission.BillingOperate).WithName("ListTaxExemptionsForReview").Produces<List<TaxExemptionResponse>>()
            .ProducesValidationProblem()
            .WithSummary("Exemption certificates customers uploaded, by status: pending (default), approved, rejected or all.");
        group.MapPost("/{id:guid}/approve", Approve).RequirePermission(Permission.BillingOperate).WithName("ApproveTaxExemption").Produces<TaxExemptionResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approves a pending certificate: the jurisdiction's tax stops on the organisation's invoices until it expires. Body { \"reason\": … } optional. A certificate already reviewed is a 409.");
        group.MapPost("/{id:guid}/reject", Reject).RequirePermission(Permission.BillingOperate).WithName("RejectTaxExemption").Produces<TaxExemptionResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Rejects a pending certificate with a reason the customer sees (required, at most 500 characters). A certificate already reviewed is a 409.");
    }

    private static async Task<IResult> List(string? status, HttpContext http, TaxExemptionService exemptions, CancellationToken ct)
    {
        TaxExemptionStatus? wanted;
        switch (string.IsNullOrWhiteSpace(status) ? "pending" : status.Trim().ToLowerInvariant())
        {
            case "pending": wanted = TaxExemptionStatus.Pending; break;
            case "approved": wanted = TaxExemptionStatus.Approved; break;
            case "rejected": wanted = TaxExemptionStatus.Rejected; break;
            case "all": wanted = null; break;
            default:
                return ApiProblems.From(Error.Invalid(new Dictionary<string, string[]> { ["status"] = ["status is pending, approved, rejected or all."] }));
        }

        var list = await exemptions.ListForReviewAsync(http.Actor(), wanted, ct);
        return list.IsSuccess ? TypedResults.Ok(list.Value.Select(TaxExemptionResponse.From).ToList()) : ApiProblems.From(list.Error);
    }

    private static async Task<IResult> Approve(Guid id, ExemptionReviewBody? body, HttpContext http, TaxExemptionService exemptions, CancellationToken ct) =>
        Answer(await exemptions.ReviewAsync(http.Actor(), id, approve: true, body?.Reason, ct));

    private static async Task<IResult> Reject(Guid id, ExemptionReviewBody? body, HttpContext http, TaxExemptionService exemptions, CancellationToken ct) =>
        Answer(await exemptions.ReviewAsync(http.Actor(), id, approve: false, body?.Reason, ct));

    private static IResult Answer(Result<TaxExemptionView> result) =>
        result.IsSuccess ? TypedResults.Ok(TaxExemptionResponse.From(result.Value)) : ApiProblems.From(result.Error);
}
