using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.ApiKeys;

public static class ApiKeysApi
{
    public static void MapApiKeysApi(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapApiGroup("/api-keys", "API keys")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapGet("", List).RequirePermission(Permission.ApiKeysRead).WithName("ListApiKeys").Produces<List<ApiKeyResponse>>()
            .WithSummary("Your API keys in this organisation, newest first. Secrets are never returned.");
        keys.MapGet("/{id:guid}", Get).RequirePermission(Permission.ApiKeysRead).WithName("GetApiKey").Produces<ApiKeyResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapPost("", Create).RequirePermission(Permission.ApiKeysManage).WithName("CreateApiKey").Produces<CreatedApiKeyResponse>(StatusCodes.Status201Created)
            .WithSummary("Creates a key. The response holds the secret: it is shown this once only.")
            .ProducesValidationProblem();
        keys.MapPost("/{id:guid}/revoke", Revoke).RequirePermission(Permission.ApiKeysManage).WithName("RevokeApiKey").Produces<ApiKeyResponse>()
            .WithSummary("Revokes a key at once: the next request with it is refused.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapPost("/{id:guid}/rotate", Rotate).RequirePermission(Permission.ApiKeysManage).WithName("RotateApiKey").Produces<CreatedApiKeyResponse>()
            .WithSummary("Issues a successor key; the old one keeps working for the grace period (0–168 hours, default 24).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> List(HttpContext http, ApiKeyService service, TimeProvider clock, CancellationToken ct)
    {
        var keys = await service.ListAsync(http.Actor(), ct);
        var now = clock.GetUtcNow();
        return keys.IsSuccess ? TypedResults.Ok(keys.Value.Select(k => ApiKeyResponse.From(k, now)).ToList()) : ApiProblems.From(keys.Error);
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, ApiKeyService service, TimeProvider clock, CancellationToken ct)
    {
        var key = await service.GetAsync(http.Actor(), id, ct);
        return key.IsSuccess ? TypedResults.Ok(ApiKeyResponse.From(key.Value, clock.GetUtcNow())) : ApiProblems.From(key.Error);
    }

    private static async Task<IResult> Create(CreateApiKeyRequest request, HttpContext http, ApiKeyService service, TimeProvider clock, CancellationToken ct)
    {
        var issued = await service.CreateAsync(http.Actor(), request.ToNewApiKey(), ct);
        if (!issued.IsSuccess)
        {
            return ApiProblems.From(issued.Error);
        }

        var body = new CreatedApiKeyResponse(ApiKeyResponse.From(issued.Value.Key, clock.GetUtcNow()), issued.Value.Secret.Plaintext);
        return TypedResults.Created($"{ApiSetup.Prefix}/api-keys/{issued.Value.Key.Id}", body);
    }

    private static async Task<IResult> Revoke(Guid id, HttpContext http, ApiKeyService service, TimeProvider clock, CancellationToken ct)
    {
        var key = await service.RevokeAsync(http.Actor(), id, ct);
        return key.IsSuccess ? TypedResults.Ok(ApiKeyResponse.From(key.Value, clock.GetUtcNow())) : ApiProblems.From(key.Error);
    }

    private static async Task<IResult> Rotate(Guid id, RotateApiKeyRequest? request, HttpContext http, ApiKeyService service, TimeProvider clock, CancellationToken ct)
    {
        if (request?.GraceHours is < 0 or > 168)
        {
            return ApiProblems.From(Domain.Common.Error.Invalid(new Dictionary<string, string[]> { ["GraceHours"] = ["The grace period must be between 0 and 168 hours."] }));
        }

        var grace = TimeSpan.FromHours(request?.GraceHours ?? 24);
        var issued = await service.RotateAsync(http.Actor(), id, grace, ct);
        return issued.IsSuccess
            ? TypedResults.Ok(new CreatedApiKeyResponse(ApiKeyResponse.From(issued.Value.Key, clock.GetUtcNow()), issued.Value.Secret.Plaintext))
            : ApiProblems.From(issued.Error);
    }
}
