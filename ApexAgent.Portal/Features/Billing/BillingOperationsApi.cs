using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Api;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>ApexAgent staff's billing operations: enterprise contracts, transfers received, credit notes and refunds, voids.</summary>
public static class BillingOperationsApi
{
    public static void MapBillingOperations(this WebApplication app)
    {
        var admin = app.MapApiGroup("/admin/billing", "Billing operations (staff)").ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/contracts", StartContractAsync).RequirePermission(Permission.BillingOperate).WithName("StartContract").Produces<InvoiceSummaryResponse>(StatusCodes.Status201Created)
            .WithSummary("Puts an organisation on an Enterprise contract: annual, a negotiated price per year (money as a decimal string), invoiced with payment terms (net 30 by default) instead of charged.")
            .ProducesValidationProblem();
        admin.MapPost("/invoices/{id:guid}/transfers", RecordTransferAsync).RequirePermission(Permission.BillingOperate).WithName("RecordTransfer").Produces<InvoiceSummaryResponse>()
            .WithSummary("Records the bank transfer that paid an invoice sent for payment.");
        admin.MapPost("/invoices/{id:guid}/credit-notes", IssueCreditNoteAsync).RequirePermission(Permission.BillingOperate).WithName("IssueCreditNote").Produces<InvoiceSummaryResponse>(StatusCodes.Status201Created)
            .WithSummary("Corrects a paid invoice with a credit note (series CN): refunded through the processor, or credited to the account balance.")
            .ProducesValidationProblem();
        admin.MapPost("/invoices/{id:guid}/void", VoidAsync).RequirePermission(Permission.BillingOperate).WithName("VoidInvoice").Produces<InvoiceSummaryResponse>()
            .WithSummary("Voids an open invoice; it keeps its number.");
    }

    private static async Task<IResult> StartContractAsync(HttpContext http, ContractRequest request, ContractService contracts, CancellationToken ct)
    {
        var price = ApiMoney.ParseMinor(request.AnnualPrice?.Amount, Currency.Usd);
        if (price is null || request.AnnualPrice?.Currency != "USD")
        {
            return ApiProblems.From(Error.Invalid(new Dictionary<string, string[]> { ["annualPrice"] = ["Give the annual price as { \"amount\": \"120000.00\", \"currency\": \"USD\" }."] }));
        }

        var result = await contracts.StartAsync(http.Actor(), new ContractTerms(request.OrganizationId, request.Seats, price.Value, request.PaymentTermsDays ?? 30), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/invoices/{result.Value.Id}", InvoiceSummaryResponse.From(result.Value)) : ApiProblems.From(result.Error);
    }

    private static async Task<IResult> RecordTransferAsync(HttpContext http, Guid id, TransferRequest request, ContractService contracts, CancellationToken ct) =>
        Respond(await contracts.RecordTransferAsync(http.Actor(), id, request.Reference, ct));

    private static async Task<IResult> IssueCreditNoteAsync(HttpContext http, Guid id, CreditNoteRequest request, CreditNoteService notes, CancellationToken ct)
    {
        var amount = ApiMoney.ParseMinor(request.Amount?.Amount, Currency.Usd);
        if (amount is null)
        {
            return ApiProblems.From(Error.Invalid(new Dictionary<string, string[]> { ["amount"] = ["Give the amount as { \"amount\": \"5.00\", \"currency\": \"USD\" }."] }));
        }

        var result = await notes.IssueAsync(http.Actor(), id, amount.Value, request.Reason, request.Refund, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/invoices/{result.Value.Id}", InvoiceSummaryResponse.From(result.Value)) : ApiProblems.From(result.Error);
    }

    private static async Task<IResult> VoidAsync(HttpContext http, Guid id, CreditNoteService notes, CancellationToken ct) =>
        Respond(await notes.VoidAsync(http.Actor(), id, ct));

    private static IResult Respond(Result<InvoiceSummary> result) =>
        result.IsSuccess ? TypedResults.Ok(InvoiceSummaryResponse.From(result.Value)) : ApiProblems.From(result.Error);
}
