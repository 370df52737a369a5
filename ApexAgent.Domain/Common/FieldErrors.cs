namespace ApexAgent.Domain.Common;

/// <summary>Collects field-level validation messages and turns them into one <see cref="Error"/>.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> fields = new(StringComparer.Ordinal);

    public bool Any => fields.Count > 0;

    public FieldErrors Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            if (!fields.TryGetValue(field, out var messages))
            {
                messages = [];
                fields[field] = messages;
            }

            messages.Add(message);
        }

        return this;
    }

    public FieldErrors MaxLength(string? value, int max, string field, string label) =>
        Require(value is null || value.Length <= max, field, $"{label} must be at most {max} characters.");

    public Error ToError() => Error.Invalid(fields.ToDictionary(f => f.Key, f => f.Value.ToArray()));
}
