using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Api;
using ApexAgent.Portal.Features.Catalog;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// The billing API (issue 4 §9): plans, the subscription and its changes here; invoices, payment methods and the test
/// clock in <see cref="InvoiceEndpoints"/>, <see cref="PaymentMethodEndpoints"/> and <see cref="TestClockEndpoints"/>.
/// Money is always <c>{ "amount": "41.29", "currency": "USD" }</c>: a decimal string in major units with the currency's
/// minor digits, never a JSON number. Enum values are snake_case strings; unknown body fields are refused.
/// </summary>
public static class BillingApi
{
    public const string MoneyNote = " Money is { \"amount\": \"41.29\", \"currency\": \"USD\" }: a decimal string in major units.";
    private const int MaxSeats = 10_000;
    private const int TimelineLength = 20;

    public static void MapBillingApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiGroup("/plans", "Billing").MapGet("", Plans).AllowAnyone().WithName("ListPlans").Produces<List<PlanResponse>>()
            .WithSummary("The plans on sale now: each tier's price per billing cycle (per seat for Team and Enterprise), seat rules and credits. Public." + MoneyNote);

        var subscription = endpoints.MapApiGroup("/subscription", "Billing")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        subscription.MapGet("", Get).RequirePermission(Permission.BillingRead).WithName("GetSubscription").Produces<SubscriptionResponse>()
            .WithSummary("The organisation's subscription: plan, status, period, what is scheduled, balance, amount due, next renewal, default payment method and recent timeline." + MoneyNote);
        subscription.MapPost("/preview", Preview).RequirePermission(Permission.BillingManage).WithName("PreviewPlanChange").Produces<QuoteResponse>()
            .WithSummary("Quotes a plan change without making it: every proration line, the balance used, what is charged now or credited, when it takes effect and the credits it changes." + MoneyNote)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        subscription.MapPost("/change", Change).RequirePermission(Permission.BillingManage).WithName("ChangePlan").Produces<PlanChangeResponse>().Produces<PlanChangeResponse>(StatusCodes.Status202Accepted)
            .WithSummary("Makes the quoted plan change. Upgrades are charged to the default payment method now; if the payment fails (409 payment_failed) nothing changes. Downgrades wait for the period end unless applyNow. A first subscription whose payment the bank asks the customer to authenticate answers 202 with authenticationUrl; the subscription is incomplete until then (a day at most)." + MoneyNote)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        subscription.MapPost("/cancel", Cancel).RequirePermission(Permission.BillingManage).WithName("CancelSubscription").Produces<TimelineEntryResponse>()
            .WithSummary("Cancels the paid plan at the end of the current period; it can be resumed until then.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        subscription.MapPost("/resume", Resume).RequirePermission(Permission.BillingManage).WithName("ResumeSubscription").Produces<TimelineEntryResponse>()
            .WithSummary("Keeps the current plan: undoes a cancellation or a change scheduled for the period end.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        endpoints.MapInvoiceEndpoints();
        endpoints.MapPaymentMethodEndpoints();
        endpoints.MapTestClockEndpoints();
    }

    private static async Task<IResult> Plans(TierCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok((await catalog.AllCurrentAsync(ct)).Select(PlanResponse.From).ToList());

    private static async Task<IResult> Get(HttpContext http, BillingOverviewService overview, CancellationToken ct)
    {
        var result = await overview.GetAsync(http.Actor(), TimelineLength, ct);
        return result.IsSuccess ? TypedResults.Ok(SubscriptionResponse.From(result.Value)) : ApiProblems.From(result.Error);
    }

    private static async Task<IResult> Preview(PlanChangeBody body, HttpContext http, PlanChangeService plans, CancellationToken ct)
    {
        var request = Read(body);
        if (!request.IsSuccess)
        {
            return ApiProblems.From(request.Error);
        }

        var quote = await plans.PreviewAsync(http.Actor(), request.Value, ct);
        return quote.IsSuccess ? TypedResults.Ok(QuoteResponse.From(quote.Value)) : ApiProblems.From(quote.Error);
    }

    private static async Task<IResult> Change(PlanChangeBody body, HttpContext http, PlanChangeService plans, CancellationToken ct)
    {
        var request = Read(body);
        if (!request.IsSuccess)
        {
            return ApiProblems.From(request.Error);
        }

        var changed = await plans.ConfirmAsync(http.Actor(), request.Value, ct);
        if (!changed.IsSuccess)
        {
            return ApiProblems.From(changed.Error);
        }

        var response = PlanChangeResponse.From(changed.Value);
        return response.AuthenticationUrl is { } url ? TypedResults.Accepted(url, response) : TypedResults.Ok(response);
    }

    private static async Task<IResult> Cancel(HttpContext http, PlanChangeService plans, CancellationToken ct)
    {
        var canceled = await plans.CancelAsync(http.Actor(), ct);
        return canceled.IsSuccess ? TypedResults.Ok(TimelineEntryResponse.Of(canceled.Value)) : ApiProblems.From(canceled.Error);
    }

    private static async Task<IResult> Resume(HttpContext http, PlanChangeService plans, CancellationToken ct)
    {
        var resumed = await plans.ResumeAsync(http.Actor(), ct);
        return resumed.IsSuccess ? TypedResults.Ok(TimelineEntryResponse.Of(resumed.Value)) : ApiProblems.From(resumed.Error);
    }

    private static Result<PlanChangeRequest> Read(PlanChangeBody body)
    {
        var errors = new FieldErrors()
            .Require(body.Tier is not null, "tier", "Give the tier: free, pro, team or enterprise.")
            .Require(body.Cycle is not null, "cycle", "Give the billing cycle: monthly or annual.")
            .Require(body.Seats is null or (>= 1 and <= MaxSeats), "seats", $"Seats must be between 1 and {MaxSeats:N0}.")
            .Require(body.DiscountCode is null || body.DiscountCode.Length <= 64, "discountCode", "A discount code has at most 32 characters.");
        return errors.Any ? errors.ToError() : Result<PlanChangeRequest>.Success(new PlanChangeRequest(body.Tier!.Value, body.Cycle!.Value, body.Seats ?? 1, body.ApplyNow ?? false, body.DiscountCode));
    }
}
