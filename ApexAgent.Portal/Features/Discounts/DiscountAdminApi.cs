using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Discounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Discounts.Api;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>Staff API for discount codes (platform admins): list, create, pause, resume, retire, report (JSON or CSV).</summary>
public static class DiscountAdminApi
{
    public static void MapDiscountAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapApiGroup("/admin/discounts", "Discounts").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", List).RequirePermission(Permission.DiscountsManage).WithName("ListDiscountCodes").Produces<List<DiscountCodeResponse>>()
            .WithSummary("Every discount code, newest first, with its status now (active, scheduled, paused, expired, retired, used_up) and live redemptions.");
        group.MapPost("", Create).RequirePermission(Permission.DiscountsManage).WithName("CreateDiscountCode").Produces<DiscountCodeResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates a code: percent, fixed_amount (amountOff as money) or credits; once, repeating (periods) or forever; limits by redemptions, dates, tiers and cycles; first subscription only; stackable with the account-type discount or not. Codes are case-insensitive, stored upper-case, never reused.");
        group.MapPost("/{code}/pause", Pause).RequirePermission(Permission.DiscountsManage).WithName("PauseDiscountCode").Produces<DiscountCodeResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Stops new redemptions until resumed; redemptions already made keep discounting.");
        group.MapPost("/{code}/resume", Resume).RequirePermission(Permission.DiscountsManage).WithName("ResumeDiscountCode").Produces<DiscountCodeResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Accepts new redemptions again.");
        group.MapPost("/{code}/retire", Retire).RequirePermission(Permission.DiscountsManage).WithName("RetireDiscountCode").Produces<DiscountCodeResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Ends the code for good (audited); redemptions already made keep discounting until their duration ends.");
        group.MapGet("/{code}/report", Report).RequirePermission(Permission.DiscountsManage).WithName("GetDiscountCodeReport").Produces<DiscountReportResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Redemptions per day, revenue discounted (the code's invoice lines), and customers retained a period after the discount ended. format=csv answers one row per redemption.");
    }

    private static async Task<IResult> List(HttpContext http, DiscountCodeService codes, CancellationToken ct)
    {
        var list = await codes.ListAsync(http.Actor(), ct);
        return list.IsSuccess ? TypedResults.Ok(list.Value.Select(DiscountCodeResponse.From).ToList()) : ApiProblems.From(list.Error);
    }

    private static async Task<IResult> Create(DiscountCodeBody body, HttpContext http, DiscountCodeService codes, CancellationToken ct)
    {
        var terms = Read(body);
        if (!terms.IsSuccess)
        {
            return ApiProblems.From(terms.Error);
        }

        var created = await codes.CreateAsync(http.Actor(), terms.Value, ct);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/admin/discounts/{created.Value.Code.Code}/report", DiscountCodeResponse.From(created.Value))
            : ApiProblems.From(created.Error);
    }

    private static async Task<IResult> Pause(string code, HttpContext http, DiscountCodeService codes, CancellationToken ct) => Answer(await codes.PauseAsync(http.Actor(), code, ct));

    private static async Task<IResult> Resume(string code, HttpContext http, DiscountCodeService codes, CancellationToken ct) => Answer(await codes.ResumeAsync(http.Actor(), code, ct));

    private static async Task<IResult> Retire(string code, HttpContext http, DiscountCodeService codes, CancellationToken ct) => Answer(await codes.RetireAsync(http.Actor(), code, ct));

    private static async Task<IResult> Report(string code, string? format, HttpContext http, DiscountCodeService codes, CancellationToken ct)
    {
        var report = await codes.ReportAsync(http.Actor(), code, ct);
        if (!report.IsSuccess)
        {
            return ApiProblems.From(report.Error);
        }

        return format == "csv"
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(DiscountCodeService.Csv(report.Value)), "text/csv", $"discount-{report.Value.Code.Code}.csv")
            : TypedResults.Ok(DiscountReportResponse.From(report.Value));
    }

    private static IResult Answer(Result<DiscountCodeSummary> result) =>
        result.IsSuccess ? TypedResults.Ok(DiscountCodeResponse.From(result.Value)) : ApiProblems.From(result.Error);

    private static Result<DiscountCodeTerms> Read(DiscountCodeBody body)
    {
        long? amountMinor = null;
        string? currency = null;
        if (body.AmountOff is { } money)
        {
            currency = money.Currency?.ToUpperInvariant();
            amountMinor = currency is "USD" or "EUR" or "GBP" ? ApiMoney.ParseMinor(money.Amount, Currency.FromCode(currency)) : null;
        }

        var errors = new FieldErrors()
            .Require(body.Code is not null, "code", "Give the code.")
            .Require(body.Kind is not null, "kind", "Give the kind: percent, fixed_amount or credits.")
            .Require(body.Kind != DiscountKind.FixedAmount || amountMinor is not null, "amountOff", "Give amountOff as { \"amount\": \"10.00\", \"currency\": \"USD\" }.");
        if (errors.Any)
        {
            return errors.ToError();
        }

        return new DiscountCodeTerms(body.Code!, body.Kind!.Value, body.PercentOff, amountMinor, currency, body.Credits, body.Duration ?? DiscountDuration.Once, body.Periods,
            body.MaxRedemptions, body.StartsAt, body.ExpiresAt, body.Tiers ?? [], body.Cycles ?? [], body.FirstSubscriptionOnly ?? false, body.Stackable ?? true, body.Note);
    }
}
