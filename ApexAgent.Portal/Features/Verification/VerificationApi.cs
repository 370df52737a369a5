using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Documents;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>Verification and regulated-data endpoints for the organisation (API keys), and the document downloads (sign-in cookie).</summary>
public static class VerificationApi
{
    public static void MapVerificationApi(this IEndpointRouteBuilder endpoints)
    {
        var verification = endpoints.MapApiGroup("/organization/verification", "Verification")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        verification.MapGet("", Overview).RequirePermission(Permission.VerificationManage).WithName("GetVerification").Produces<VerificationOverview>()
            .WithSummary("The organisation's education or healthcare verification: the one in force, the latest application and whether you can apply.");
        verification.MapPost("", Apply).RequirePermission(Permission.VerificationManage).WithName("ApplyForVerification").DisableAntiforgery()
            .Produces<VerificationSummary>(StatusCodes.Status201Created)
            .WithSummary("Applies as an education or healthcare institution (multipart: type, legalName, website, country, institutionType, officialId, emailDomain, documents). Your sign-in address must be at the email domain.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        verification.MapPost("/{id:guid}/answer", AnswerQuestion).RequirePermission(Permission.VerificationManage).WithName("AnswerVerificationQuestion").DisableAntiforgery()
            .Produces<VerificationSummary>()
            .WithSummary("Answers the reviewer's question (multipart: answer, documents).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        verification.MapGet("/documents/{id:guid}", Document).RequirePermission(Permission.VerificationManage).WithName("DownloadVerificationDocument")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);

        var regulated = endpoints.MapApiGroup("/organization/regulated-data", "Verification")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        regulated.MapGet("", Regulated).RequirePermission(Permission.VerificationManage).WithName("GetRegulatedData").Produces<RegulatedDataOverview>()
            .WithSummary("The business associate agreement and the student-data terms: acceptance and the features they gate.");
        regulated.MapPost("/agreements/{code}/accept", Accept).RequirePermission(Permission.VerificationManage).WithName("AcceptRegulatedAgreement")
            .Produces<AgreementAcceptance>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("An owner accepts the current version of an agreement (baa for verified healthcare, ferpa for verified education).");
        regulated.MapPut("/features/{feature}", SetFeature).RequirePermission(Permission.VerificationManage).WithName("SetRegulatedFeature")
            .Produces<RegulatedAgreementState>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Turns phi_handling or student_records on or off. On needs the agreement accepted (409 agreement_required).");
    }

    /// <summary>Downloads for the pages, with the sign-in cookie.</summary>
    public static void MapVerificationDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/organization/verification/documents/{id:guid}", Document).RequireAuthorization(Permission.VerificationManage).ExcludeFromDescription();
        endpoints.MapGet("/admin/verifications/{application:guid}/documents/{id:guid}", StaffDocument).RequireAuthorization(Permission.VerificationReview).ExcludeFromDescription();
    }

    private static async Task<IResult> Overview(HttpContext http, VerificationService service, CancellationToken ct) =>
        Answer(await service.OverviewAsync(http.Actor(), ct));

    private static async Task<IResult> Apply(HttpContext http, VerificationService service, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return ApiProblems.From(Error.Invalid(new Dictionary<string, string[]> { ["body"] = ["Send the application as multipart/form-data with the documents attached."] }));
        }

        var form = await http.Request.ReadFormAsync(ct);
        var input = new VerificationApplicationForm
        {
            Type = Enum.TryParse<AccountType>(form["type"].ToString(), ignoreCase: true, out var type) && !int.TryParse(form["type"].ToString(), out _) ? type : AccountType.Individual,
            LegalName = form["legalName"],
            Website = form["website"],
            Country = form["country"],
            InstitutionType = form["institutionType"],
            OfficialId = form["officialId"],
            EmailDomain = form["emailDomain"],
        };
        var files = form.Files.Select(f => new UploadedFile(f.FileName, f.OpenReadStream())).ToList();
        try
        {
            var applied = await service.ApplyAsync(http.Actor(), input, files, ct);
            return applied.IsSuccess
                ? TypedResults.Created($"{ApiSetup.Prefix}/organization/verification", applied.Value)
                : ApiProblems.From(applied.Error);
        }
        finally
        {
            foreach (var file in files)
            {
                await file.Content.DisposeAsync();
            }
        }
    }

    private static async Task<IResult> AnswerQuestion(Guid id, HttpContext http, VerificationService service, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return ApiProblems.From(Error.Invalid(new Dictionary<string, string[]> { ["body"] = ["Send the answer as multipart/form-data."] }));
        }

        var form = await http.Request.ReadFormAsync(ct);
        var files = form.Files.Select(f => new UploadedFile(f.FileName, f.OpenReadStream())).ToList();
        try
        {
            return Answer(await service.AnswerAsync(http.Actor(), id, form["answer"], files, ct));
        }
        finally
        {
            foreach (var file in files)
            {
                await file.Content.DisposeAsync();
            }
        }
    }

    private static async Task<IResult> Document(Guid id, HttpContext http, VerificationService service, CancellationToken ct) =>
        Attachment(http, await service.DocumentAsync(http.Actor(), id, ct));

    private static async Task<IResult> StaffDocument(Guid application, Guid id, HttpContext http, VerificationReviewService service, CancellationToken ct) =>
        Attachment(http, await service.DocumentAsync(http.Actor(), application, id, ct));

    private static async Task<IResult> Regulated(HttpContext http, RegulatedDataService service, CancellationToken ct) =>
        Answer(await service.OverviewAsync(http.Actor(), ct));

    private static async Task<IResult> Accept(string code, AcceptAgreementBody? body, HttpContext http, RegulatedDataService service, CancellationToken ct) =>
        Answer(await service.AcceptAsync(http.Actor(), code, body?.Version, http.Connection.RemoteIpAddress?.ToString(), ct));

    private static async Task<IResult> SetFeature(string feature, SetFeatureBody body, HttpContext http, RegulatedDataService service, CancellationToken ct) =>
        Answer(await service.SetFeatureAsync(http.Actor(), feature, body.Enabled, ct));

    /// <summary>Always an attachment, never sniffed, never cached: evidence is private.</summary>
    private static IResult Attachment(HttpContext http, Result<StoredDocument> found)
    {
        if (!found.IsSuccess)
        {
            return ApiProblems.From(found.Error);
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(found.Value.Content, found.Value.ContentType, found.Value.FileName);
    }

    private static IResult Answer<T>(Result<T> result) => result.IsSuccess ? TypedResults.Ok(result.Value) : ApiProblems.From(result.Error);
}
