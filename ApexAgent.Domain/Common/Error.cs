namespace ApexAgent.Domain.Common;

/// <summary>An expected failure with a stable, machine-readable code and a message for people.</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind = ErrorKind.Validation)
{
    /// <summary>Field-level messages for a validation failure, keyed by field name.</summary>
    public IReadOnlyDictionary<string, string[]> Fields { get; init; } = new Dictionary<string, string[]>();

    /// <param name="what">Snake-case name for the code, e.g. <c>api_key</c>.</param>
    /// <param name="label">How people call it, e.g. <c>API key</c>.</param>
    public static Error NotFound(string what, string label) =>
        new($"{what}_not_found", $"No {label} with this id exists here. It may belong to another account.", ErrorKind.NotFound);

    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        new("validation_failed", "Some fields are not valid: " + string.Join(" ", fields.SelectMany(f => f.Value)))
        {
            Fields = fields,
        };
}
