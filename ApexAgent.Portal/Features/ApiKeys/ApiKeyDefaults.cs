namespace ApexAgent.Portal.Features.ApiKeys;

public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme of the REST API: <c>Authorization: Bearer apx_…</c>.</summary>
    public const string Scheme = "ApiKey";
}
