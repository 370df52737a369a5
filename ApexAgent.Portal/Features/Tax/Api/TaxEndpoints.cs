using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Tax;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Tax.Api;

/// <summary>Billing details (the tax profile), exemption certificates and the staff tax report.</summary>
public static class TaxEndpoints
{
    public static void MapTaxEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var details = endpoints.MapApiGroup("/billing/details", "Billing").ProducesProblem(StatusCodes.Status403Forbidden);
        details.MapGet("", Get).RequirePermission(Permission.BillingRead).WithName("GetBillingDetails").Produces<BillingDetailsResponse>()
            .WithSummary("Billing name, email, address and the tax profile: country (ISO code), state or province (US, CA, AU), postal code, business or individual, VAT/GST id.");
        details.MapPut("", Put).RequirePermission(Permission.BillingManage).WithName("SaveBillingDetails").Produces<BillingDetailsResponse>()
            .WithSummary("Replaces the billing details. The VAT number must be well formed for the country (EU, GB; format only, no VIES lookup); a state or province is required for US, CA and AU. Tax on later invoices follows these details.")
            .ProducesValidationProblem();

        endpoints.MapGroup(ApiSetup.Prefix + "/billing/tax-exemptions").WithTags("Billing").RequireRateLimiting(ApiRateLimitOptions.Policy)
            .MapGet("/{id:guid}/document", OwnDocument).RequirePermission(Permission.BillingRead).WithName("GetTaxExemptionDocument")
            .WithSummary("Downloads the document uploaded with one of the organisation's exemption certificates.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var admin = endpoints.MapApiGroup("/admin/tax", "Billing operations (staff)").ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/report", Report).RequirePermission(Permission.BillingOperate).WithName("GetTaxReport").Produces<TaxReportResponse>()
            .WithSummary("Tax per jurisdiction for invoices finalised in [from, to) (ISO dates, at most 3 years): taxable, collected (less credit notes), exempt and reverse-charged amounts and invoice counts. format=csv gives a CSV file, format=pdf a PDF.")
            .ProducesValidationProblem();
        admin.MapGet("/exemptions/{id:guid}/document", StaffDocument).RequirePermission(Permission.BillingOperate).WithName("GetTaxExemptionDocumentForReview")
            .WithSummary("Staff: downloads an exemption certificate's document for review.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The pages' downloads (cookie sign-in): the report as CSV or PDF, and exemption documents.</summary>
    public static void MapTaxPageDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/tax/report.csv", (string? from, string? to, HttpContext http, TaxReportService reports, CancellationToken ct) => Report(from, to, "csv", http, reports, ct))
            .RequireAuthorization(Permission.BillingOperate).ExcludeFromDescription();
        endpoints.MapGet("/admin/tax/report.pdf", (string? from, string? to, HttpContext http, TaxReportService reports, CancellationToken ct) => Report(from, to, "pdf", http, reports, ct))
            .RequireAuthorization(Permission.BillingOperate).ExcludeFromDescription();
        endpoints.MapGet("/admin/tax/exemptions/{id:guid}/document", StaffDocument).RequireAuthorization(Permission.BillingOperate).ExcludeFromDescription();
        endpoints.MapGet("/billing/tax-exemptions/{id:guid}/document", OwnDocument).RequireAuthorization(Permission.BillingRead).ExcludeFromDescription();
    }

    private static async Task<IResult> Get(HttpContext http, BillingDetailsService service, CancellationToken ct)
    {
        var got = await service.GetAsync(http.Actor(), ct);
        return got.IsSuccess ? TypedResults.Ok(BillingDetailsResponse.From(got.Value)) : ApiProblems.From(got.Error);
    }

    private static async Task<IResult> Put(BillingDetailsBody body, HttpContext http, BillingDetailsService service, CancellationToken ct)
    {
        TaxCustomerStatus status;
        switch (body.CustomerType)
        {
            case null or "individual":
                status = TaxCustomerStatus.Individual;
                break;
            case "business":
                status = TaxCustomerStatus.Business;
                break;
            default:
                return ApiProblems.From(Error.Invalid(new Dictionary<string, string[]> { ["customerType"] = ["customerType is business or individual."] }));
        }

        var saved = await service.SaveAsync(http.Actor(), new BillingDetails
        {
            BillingName = body.BillingName ?? "",
            BillingEmail = body.BillingEmail,
            Address = body.Address,
            Country = body.Country,
            Region = body.Region,
            PostalCode = body.PostalCode,
            CustomerType = status,
            TaxId = body.TaxId,
        }, ct);
        return saved.IsSuccess ? TypedResults.Ok(BillingDetailsResponse.From(saved.Value)) : ApiProblems.From(saved.Error);
    }

    private static async Task<IResult> OwnDocument(Guid id, HttpContext http, TaxExemptionService exemptions, CancellationToken ct) =>
        Document(await exemptions.DocumentAsync(http.Actor(), id, staff: false, ct));

    private static async Task<IResult> StaffDocument(Guid id, HttpContext http, TaxExemptionService exemptions, CancellationToken ct) =>
        Document(await exemptions.DocumentAsync(http.Actor(), id, staff: true, ct));

    private static IResult Document(Result<Documents.StoredDocument> document)
    {
        if (!document.IsSuccess)
        {
            return ApiProblems.From(document.Error);
        }

        return new AttachmentResult(document.Value.Content, document.Value.ContentType, document.Value.FileName);
    }

    private static async Task<IResult> Report(string? from, string? to, string? format, HttpContext http, TaxReportService reports, CancellationToken ct)
    {
        var period = TaxReportService.ReadPeriod(from, to, format);
        if (!period.IsSuccess)
        {
            return ApiProblems.From(period.Error);
        }

        var report = await reports.BuildAsync(http.Actor(), period.Value.From, period.Value.To, ct);
        if (!report.IsSuccess)
        {
            return ApiProblems.From(report.Error);
        }

        return period.Value.Format switch
        {
            "csv" => new AttachmentResult(TaxReportExport.Csv(report.Value), "text/csv; charset=utf-8", TaxReportExport.FileName(report.Value, "csv")),
            "pdf" => new AttachmentResult(TaxReportExport.Pdf(report.Value), "application/pdf", TaxReportExport.FileName(report.Value, "pdf")),
            _ => TypedResults.Ok(TaxReportResponse.Of(report.Value)),
        };
    }
}
