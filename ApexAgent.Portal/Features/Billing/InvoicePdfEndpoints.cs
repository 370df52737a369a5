using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>Invoice PDFs: for API clients, and for people signed in to the portal (the download button).</summary>
public static class InvoicePdfEndpoints
{
    public static void MapInvoicePdfs(this WebApplication app)
    {
        app.MapApiGroup("/invoices", "Invoices")
            .MapGet("/{id:guid}/pdf", DownloadAsync).RequirePermission(Permission.BillingRead).WithName("DownloadInvoicePdf")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The PDF of a finalised invoice or credit note of your organisation.");
        app.MapGet("/billing/invoices/{id:guid}/pdf", DownloadAsync).RequireAuthorization(Permission.BillingRead).ExcludeFromDescription();
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, Guid id, InvoicePdfs pdfs, CancellationToken ct)
    {
        var result = await pdfs.RenderAsync(http.Actor(), id, ct);
        return result.IsSuccess ? TypedResults.File(result.Value.Pdf, "application/pdf", result.Value.FileName) : ApiProblems.From(result.Error);
    }
}
