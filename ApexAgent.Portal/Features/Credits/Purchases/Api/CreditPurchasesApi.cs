using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Credits.Purchases.Api;

/// <summary>Buying credits: packs, one-click purchases, auto top-up, and staff's enterprise bulk purchases.</summary>
public static class CreditPurchasesApi
{
    public static void MapCreditPurchasesApi(this IEndpointRouteBuilder endpoints)
    {
        var credits = endpoints.MapApiGroup("/credits", "Credits").ProducesProblem(StatusCodes.Status403Forbidden);
        credits.MapGet("/packs", Packs).RequirePermission(Permission.CreditsRead).WithName("ListCreditPacks").Produces<List<CreditPackResponse>>()
            .WithSummary("The credit packs on sale: credits, price, price per 1,000 credits. Purchased credits expire 12 months after purchase.");
        credits.MapPost("/purchases", Buy).RequirePermission(Permission.CreditsPurchase).WithName("BuyCredits").Produces<PurchaseResponse>(StatusCodes.Status201Created)
            .WithSummary("Buys a pack with the default payment method, in one step: 201 with the paid invoice, the grant and the new balance. A declined card answers 402 payment_failed " +
                "(a card that asks for bank authentication: 402 authentication_required) and buys nothing; no payment method: 409 payment_method_required. " +
                "Send an Idempotency-Key header (or idempotencyKey) to make a retry answer the first purchase; without one, the same pack bought again by the same person within 10 seconds answers the first purchase.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status409Conflict);
        credits.MapGet("/auto-top-up", GetAutoTopUp).RequirePermission(Permission.CreditsRead).WithName("GetAutoTopUp").Produces<AutoTopUpResponse>()
            .WithSummary("Auto top-up: on or off, the threshold (credits), the pack, the monthly limit and how many were bought this month, and whether it is paused after a failed payment.");
        credits.MapPut("/auto-top-up", PutAutoTopUp).RequirePermission(Permission.CreditsPurchase).WithName("SetAutoTopUp").Produces<AutoTopUpResponse>()
            .WithSummary("Sets auto top-up: buy the pack when the balance falls under the threshold (at most the pack's credits), at most monthlyLimit (1–10) times a calendar month.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        endpoints.MapApiGroup("/admin/credits", "Credits operations (staff)").ProducesProblem(StatusCodes.Status403Forbidden)
            .MapPost("/bulk-purchases", SellBulk).RequirePermission(Permission.CreditsOperate).WithName("SellBulkCredits").Produces<BulkPurchaseResponse>(StatusCodes.Status201Created)
            .WithSummary("Sells an organisation at least 100,000 credits at a negotiated price (pricePerThousand or total): an invoice sent for payment (net 30 by default) and the credits granted at once; voiding the invoice claws back what is unused.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Packs() => TypedResults.Ok(CreditPack.All.Select(CreditPackResponse.From).ToList());

    private static async Task<IResult> Buy(HttpContext http, PurchaseBody body, CreditPurchaseService purchases, CancellationToken ct)
    {
        var key = body.IdempotencyKey ?? (http.Request.Headers.TryGetValue("Idempotency-Key", out var header) ? header.ToString() : null);
        var bought = await purchases.BuyAsync(http.Actor(), body.Pack, key, ct);
        return bought.IsSuccess
            ? TypedResults.Created($"/api/v1/invoices/{bought.Value.InvoiceId}", PurchaseResponse.From(bought.Value))
            : ApiProblems.From(bought.Error);
    }

    private static async Task<IResult> GetAutoTopUp(HttpContext http, AutoTopUpService autoTopUp, CancellationToken ct)
    {
        var settings = await autoTopUp.GetAsync(http.Actor(), ct);
        return settings.IsSuccess ? TypedResults.Ok(AutoTopUpResponse.From(settings.Value)) : ApiProblems.From(settings.Error);
    }

    private static async Task<IResult> PutAutoTopUp(HttpContext http, AutoTopUpBody body, AutoTopUpService autoTopUp, CancellationToken ct)
    {
        var missing = new FieldErrors()
            .Require(body.Enabled is not null, "enabled", "Say whether auto top-up is on.")
            .Require(body.Threshold is not null, "threshold", "Give the threshold in credits.")
            .Require(body.MonthlyLimit is not null, "monthlyLimit", "Give the monthly limit (1–10).");
        if (missing.Any)
        {
            return ApiProblems.From(missing.ToError());
        }

        var saved = await autoTopUp.SaveAsync(http.Actor(), new AutoTopUpChange(body.Enabled!.Value, body.Threshold!.Value, body.Pack, body.MonthlyLimit!.Value), ct);
        return saved.IsSuccess ? TypedResults.Ok(AutoTopUpResponse.From(saved.Value)) : ApiProblems.From(saved.Error);
    }

    private static async Task<IResult> SellBulk(HttpContext http, BulkPurchaseBody body, BulkCreditSales sales, CancellationToken ct)
    {
        long? perThousand = null, total = null;
        var errors = new FieldErrors();
        if (body.PricePerThousand is { } rate)
        {
            perThousand = rate.Currency == "USD" ? ApiMoney.ParseMinor(rate.Amount, Currency.Usd) : null;
            errors.Require(perThousand is not null, "pricePerThousand", "Give the price per 1,000 credits as { \"amount\": \"8.00\", \"currency\": \"USD\" }.");
        }

        if (body.Total is { } sum)
        {
            total = sum.Currency == "USD" ? ApiMoney.ParseMinor(sum.Amount, Currency.Usd) : null;
            errors.Require(total is not null, "total", "Give the total as { \"amount\": \"800.00\", \"currency\": \"USD\" }.");
        }

        if (errors.Any)
        {
            return ApiProblems.From(errors.ToError());
        }

        var key = http.Request.Headers.TryGetValue("Idempotency-Key", out var header) ? header.ToString() : null;
        var sold = await sales.SellAsync(http.Actor(), new BulkSale(body.OrganizationId, body.Credits, perThousand, total, body.PaymentTermsDays ?? 30, body.Note, key), ct);
        return sold.IsSuccess
            ? TypedResults.Created($"/api/v1/invoices/{sold.Value.InvoiceId}", BulkPurchaseResponse.From(sold.Value))
            : ApiProblems.From(sold.Error);
    }
}
