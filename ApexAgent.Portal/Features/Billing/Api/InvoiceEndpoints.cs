using System.Globalization;
using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>The invoice archive, its CSV export and the payment history, always of the caller's own organisation.</summary>
public static partial class InvoiceEndpoints
{
    private const string Filters = " Filters: number (part of it), from/to (issue instants, from inclusive, to exclusive), status (open, paid, void, uncollectible), kind (invoice, credit_note), minAmount/maxAmount (decimal strings in major units, e.g. 20.00, compared with the total).";

    public static void MapInvoiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var invoices = endpoints.MapApiGroup("/invoices", "Billing")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        invoices.MapGet("", List).RequirePermission(Permission.BillingRead).WithName("ListInvoices").Produces<ApiPage<InvoiceSummaryResponse>>()
            .WithSummary("Finalised invoices and credit notes, newest first, paged (page from 1, pageSize up to 100)." + Filters + BillingApi.MoneyNote)
            .ProducesValidationProblem();
        invoices.MapGet("/export", Export).RequirePermission(Permission.BillingRead).WithName("ExportInvoices").Produces<byte[]>(contentType: "text/csv")
            .WithSummary("The same invoices as CSV (UTF-8, oldest first), amounts as decimal strings in major units." + Filters)
            .ProducesValidationProblem();
        invoices.MapGet("/{id:guid}", Get).RequirePermission(Permission.BillingRead).WithName("GetInvoice").Produces<InvoiceResponse>()
            .WithSummary("One invoice or credit note with its lines, payments and the credit notes against it." + BillingApi.MoneyNote)
            .ProducesProblem(StatusCodes.Status404NotFound);
        invoices.MapPost("/{id:guid}/pay", PayNow).RequirePermission(Permission.BillingManage).WithName("PayInvoice").Produces<PayNowResponse>()
            .WithSummary("Pays what an open invoice owes with the organisation's default payment method, now. When the bank wants the customer to confirm the payment (3-D Secure), the answer is requires_authentication with the portal page where they confirm it; a payment already waiting for them is returned again, never charged twice. A declined card is a 402 with the processor's code; an invoice with nothing to pay is a 409." + BillingApi.MoneyNote)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status402PaymentRequired);

        endpoints.MapApiGroup("/payments", "Billing").ProducesProblem(StatusCodes.Status403Forbidden)
            .MapGet("", Payments).RequirePermission(Permission.BillingRead).WithName("ListPayments").Produces<ApiPage<PaymentResponse>>()
            .WithSummary("Every charge and refund, failed attempts included, newest first (page from 1, pageSize up to 100)." + BillingApi.MoneyNote)
            .ProducesValidationProblem();
    }

    private static async Task<IResult> List(
        HttpContext http, InvoiceArchive archive, string? number, DateTimeOffset? from, DateTimeOffset? to, string? status, string? kind,
        string? minAmount, string? maxAmount, int? page, int? pageSize, CancellationToken ct)
    {
        var search = Read(number, from, to, status, kind, minAmount, maxAmount, page, pageSize);
        if (!search.IsSuccess)
        {
            return ApiProblems.From(search.Error);
        }

        var found = await archive.SearchAsync(http.Actor(), search.Value, ct);
        return found.IsSuccess
            ? TypedResults.Ok(new ApiPage<InvoiceSummaryResponse>(found.Value.Items.Select(InvoiceSummaryResponse.From).ToList(), search.Value.Page + 1, search.Value.PageSize, found.Value.Total))
            : ApiProblems.From(found.Error);
    }

    private static async Task<IResult> Export(
        HttpContext http, InvoiceArchive archive, TimeProvider clock, string? number, DateTimeOffset? from, DateTimeOffset? to, string? status, string? kind,
        string? minAmount, string? maxAmount, CancellationToken ct)
    {
        var search = Read(number, from, to, status, kind, minAmount, maxAmount, null, null);
        if (!search.IsSuccess)
        {
            return ApiProblems.From(search.Error);
        }

        var csv = await archive.ExportCsvAsync(http.Actor(), search.Value, ct);
        return csv.IsSuccess
            ? TypedResults.File(csv.Value, "text/csv; charset=utf-8", $"invoices-{clock.GetUtcNow():yyyy-MM-dd}.csv")
            : ApiProblems.From(csv.Error);
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, InvoiceArchive archive, CancellationToken ct)
    {
        var invoice = await archive.GetAsync(http.Actor(), id, ct);
        return invoice.IsSuccess ? TypedResults.Ok(InvoiceResponse.From(invoice.Value)) : ApiProblems.From(invoice.Error);
    }

    private static async Task<IResult> PayNow(Guid id, HttpContext http, Payments.InvoicePaymentService payments, CancellationToken ct)
    {
        var paid = await payments.PayNowAsync(http.Actor(), id, ct);
        return paid.IsSuccess ? TypedResults.Ok(PayNowResponse.From(paid.Value, id)) : ApiProblems.From(paid.Error);
    }

    private static async Task<IResult> Payments(HttpContext http, InvoiceArchive archive, int? page, int? pageSize, CancellationToken ct)
    {
        var number = page ?? 1;
        var size = pageSize ?? 25;
        var payments = await archive.PaymentsAsync(http.Actor(), number - 1, size, ct);
        return payments.IsSuccess
            ? TypedResults.Ok(new ApiPage<PaymentResponse>(payments.Value.Items.Select(PaymentResponse.From).ToList(), number, size, payments.Value.Total))
            : ApiProblems.From(payments.Error);
    }

    /// <summary>The query string as an archive search: enum values in snake_case, amounts in major units (at most two decimals).</summary>
    private static Result<InvoiceSearch> Read(
        string? number, DateTimeOffset? from, DateTimeOffset? to, string? status, string? kind, string? minAmount, string? maxAmount, int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        var statusValue = Parse<InvoiceStatus>(status, "status", "Use open, paid, void or uncollectible.", errors);
        var kindValue = Parse<InvoiceKind>(kind, "kind", "Use invoice or credit_note.", errors);
        var min = Minor(minAmount, "minAmount", errors);
        var max = Minor(maxAmount, "maxAmount", errors);
        errors.Require(page is null or >= 1, "page", "Pages start at 1.");
        if (errors.Any)
        {
            return errors.ToError();
        }

        // The archive checks the rest (page size, the order of the ranges, the length of the number).
        return new InvoiceSearch(number, from, to, statusValue, kindValue, min, max, (page ?? 1) - 1, pageSize ?? 25);
    }

    private static T? Parse<T>(string? value, string field, string hint, FieldErrors errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var ok = SnakeCase().IsMatch(value) && Enum.TryParse<T>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            && ApiMoney.Snake(parsed.ToString()) == value && !(typeof(T) == typeof(InvoiceStatus) && value == "draft");
        errors.Require(ok, field, $"Unknown {field} '{Shorten(value)}'. {hint}");
        return ok ? Enum.Parse<T>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true) : null;
    }

    /// <summary>Major units to minor: every catalog currency (USD, EUR, GBP) has two minor digits.</summary>
    private static long? Minor(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var ok = Amount().IsMatch(value) && decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
        errors.Require(ok, field, $"'{Shorten(value)}' is not an amount. Give a decimal string in major units with at most two decimals, e.g. 20.00.");
        return ok ? (long)(decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 100) : null;
    }

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";

    [GeneratedRegex("^[a-z_]{1,30}$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex("^[0-9]{1,12}(\\.[0-9]{1,2})?$")]
    private static partial Regex Amount();
}
