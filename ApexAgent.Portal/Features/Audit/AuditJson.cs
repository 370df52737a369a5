using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>How before/after values and event details are written: compact camelCase JSON, enums by name, readable text.</summary>
internal static class AuditJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string? Serialize(object? value) => value switch
    {
        null => null,
        string text => JsonSerializer.Serialize(new { text }, Options),
        _ => JsonSerializer.Serialize(value, value.GetType(), Options),
    };
}
