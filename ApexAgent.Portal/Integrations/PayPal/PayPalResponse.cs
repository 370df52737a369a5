using System.Net;
using System.Text.Json;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// What PayPal answered: the status and the JSON body. Errors carry PayPal's <c>name</c>, the first
/// <c>details[].issue</c> (e.g. <c>INSTRUMENT_DECLINED</c>) and the <c>debug_id</c> to quote to PayPal support.
/// </summary>
public sealed record PayPalResponse(HttpStatusCode Status, JsonElement Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>A 5xx, 429 or 408 that outlived the retries: the outcome is not known.</summary>
    public bool IsTransient => (int)Status >= 500 || Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    public string? Name => Text(Body, "name");

    public string? Issue => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Array && d.GetArrayLength() > 0
        ? Text(d[0], "issue") : null;

    public string? DebugId => Text(Body, "debug_id");

    public string? Text(string name) => Text(Body, name);

    /// <summary>The <c>href</c> of the link with relation <paramref name="rel"/> (e.g. <c>approve</c>, <c>payer-action</c>).</summary>
    public string? Link(string rel)
    {
        if (Body.ValueKind != JsonValueKind.Object || !Body.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return links.EnumerateArray().Where(l => Text(l, "rel") == rel).Select(l => Text(l, "href")).FirstOrDefault();
    }

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
