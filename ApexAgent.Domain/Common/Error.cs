namespace ApexAgent.Domain.Common;

/// <summary>What kind of failure an error is; the API maps it to an HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>An expected failure with a stable, machine-readable code and a message for people.</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind = ErrorKind.Validation)
{
    /// <summary>Field-level messages for a validation failure, keyed by field name.</summary>
    public IReadOnlyDictionary<string, string[]> Fields { get; init; } = new Dictionary<string, string[]>();

    public static Error NotFound(string what) => new($"{what}_not_found", $"The {what.Replace('_', ' ')} was not found.", ErrorKind.NotFound);

    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        new("validation_failed", "Some fields are not valid: " + string.Join(" ", fields.SelectMany(f => f.Value)))
        {
            Fields = fields,
        };
}
