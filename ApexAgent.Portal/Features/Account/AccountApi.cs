using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Account;

public static class AccountApi
{
    public static void MapAccountApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapApiGroup("/me", "Account");
        me.MapGet("", GetMe)
            .RequirePermission(Permission.ProfileRead)
            .Produces<MeResponse>(contentType: "application/json")
            .WithName("GetMe")
            .WithSummary("Who the API key acts for: the user, their organisation, its plan and the key's scopes.");
    }

    private static async Task<IResult> GetMe(HttpContext http, AccountSnapshots snapshots, MeDocuments documents, CancellationToken ct)
    {
        var actor = http.Actor();
        var snapshot = await snapshots.GetAsync(actor, ct);
        if (snapshot is null)
        {
            return TypedResults.Problem("The account behind this key no longer exists.", statusCode: 404, extensions: new Dictionary<string, object?> { ["code"] = "account_not_found" });
        }

        return new JsonBytesResult(documents.For(snapshot, actor));
    }
}
