using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Sandbox;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>Saved payment methods, and the sandbox's stand-in for a processor's card tokenising endpoint.</summary>
public static class PaymentMethodEndpoints
{
    public static void MapPaymentMethodEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var methods = endpoints.MapApiGroup("/payment-methods", "Billing")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        methods.MapGet("", List).RequirePermission(Permission.BillingRead).WithName("ListPaymentMethods").Produces<List<PaymentMethodView>>()
            .WithSummary("Saved payment methods, oldest first: type, brand, last four digits, expiry and which is the default. Card numbers are never stored.");
        methods.MapPost("", Add).RequirePermission(Permission.BillingManage).WithName("AddPaymentMethod").Produces<PaymentMethodView>(StatusCodes.Status201Created)
            .WithSummary("Saves a method from a processor token (for the sandbox: POST /api/v1/sandbox/card-tokens). The first method, or one added with makeDefault, becomes the default and retries unpaid invoices at once.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        methods.MapPost("/{id:guid}/default", MakeDefault).RequirePermission(Permission.BillingManage).WithName("MakePaymentMethodDefault").Produces<PaymentMethodView>()
            .WithSummary("Makes a method the default for renewals and plan changes, and retries unpaid invoices with it at once.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        methods.MapDelete("/{id:guid}", Remove).RequirePermission(Permission.BillingManage).WithName("RemovePaymentMethod").Produces(StatusCodes.Status204NoContent)
            .WithSummary("Removes a method. The last one cannot be removed while a paid plan renews (409 last_payment_method).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        endpoints.MapApiGroup("/sandbox", "Billing").ProducesProblem(StatusCodes.Status403Forbidden)
            .MapPost("/card-tokens", Tokenise).RequirePermission(Permission.BillingManage).WithName("CreateSandboxCardToken").Produces<CardTokenResponse>(StatusCodes.Status201Created)
            .WithSummary("Sandbox only: turns a test card (4242424242424242 succeeds, 4000000000000002 is declined, 4000000000009995 has insufficient funds, 4000000000000119 fails every other time) into a payment method token. Other numbers are refused (sandbox_test_card_required); the number is never stored or logged.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> List(HttpContext http, PaymentMethodService methods, CancellationToken ct)
    {
        var listed = await methods.ListAsync(http.Actor(), ct);
        return listed.IsSuccess ? TypedResults.Ok(listed.Value) : ApiProblems.From(listed.Error);
    }

    private static async Task<IResult> Add(AddPaymentMethodBody body, HttpContext http, PaymentMethodService methods, CancellationToken ct)
    {
        var added = await methods.AddAsync(http.Actor(), body.Token, body.MakeDefault ?? false, ct);
        return added.IsSuccess
            ? TypedResults.Created($"{ApiSetup.Prefix}/payment-methods/{added.Value.Id}", added.Value)
            : ApiProblems.From(added.Error);
    }

    private static async Task<IResult> MakeDefault(Guid id, HttpContext http, PaymentMethodService methods, CancellationToken ct)
    {
        var made = await methods.MakeDefaultAsync(http.Actor(), id, ct);
        return made.IsSuccess ? TypedResults.Ok(made.Value) : ApiProblems.From(made.Error);
    }

    private static async Task<IResult> Remove(Guid id, HttpContext http, PaymentMethodService methods, CancellationToken ct)
    {
        var removed = await methods.RemoveAsync(http.Actor(), id, ct);
        return removed.IsSuccess ? TypedResults.NoContent() : ApiProblems.From(removed.Error);
    }

    /// <summary>Answers only while the sandbox is the processor; the card number goes no further than this call.</summary>
    private static IResult Tokenise(CardTokenBody body, HttpContext http, PaymentProcessors processors, TimeProvider clock)
    {
        var actor = http.Actor();
        if (!actor.Can(Permission.BillingManage))
        {
            return ApiProblems.From(Organizations.OrganizationService.Forbidden("add payment methods"));
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return ApiProblems.From(readOnly);
        }

        if (processors.Cards.Name != SandboxPaymentProcessor.ProcessorName)
        {
            return ApiProblems.From(new Error("sandbox_not_active", "Cards are tokenised by the payment processor's own form here; the sandbox is not in use.", ErrorKind.Conflict));
        }

        var token = SandboxCardVault.Tokenise(body.Number, body.ExpMonth ?? 0, body.ExpYear ?? 0, body.Cvc, clock.GetUtcNow());
        return token.IsSuccess
            ? TypedResults.Created((string?)null, new CardTokenResponse(token.Value.Token, token.Value.Brand, token.Value.Last4, token.Value.ExpMonth, token.Value.ExpYear))
            : ApiProblems.From(token.Error);
    }
}
