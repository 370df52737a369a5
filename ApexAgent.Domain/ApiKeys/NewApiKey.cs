using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.ApiKeys;

/// <summary>What a customer asks for when creating a key.</summary>
public sealed record NewApiKey(string Name, ApiKeyMode Mode, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt)
{
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(3 * 365);

    public Result<NewApiKey> Validate(DateTimeOffset now)
    {
        var name = Name?.Trim() ?? "";
        var unknown = Scopes.Where(s => !Permission.ApiKeyScopes.Contains(s)).ToList();
        var errors = new FieldErrors()
            .Require(name.Length > 0, nameof(Name), "Give the key a name so you can recognise it later.")
            .MaxLength(name, 80, nameof(Name), "Name")
            .Require(Enum.IsDefined(Mode), nameof(Mode), "Mode must be live or test.")
            .Require(Scopes.Count > 0, nameof(Scopes), "Choose at least one scope.")
            .Require(unknown.Count == 0, nameof(Scopes), $"Unknown scopes: {string.Join(", ", unknown)}. Known scopes: {string.Join(", ", Permission.ApiKeyScopes)}.")
            .Require(ExpiresAt is null || ExpiresAt > now, nameof(ExpiresAt), "The expiry must be in the future.")
            .Require(ExpiresAt is null || ExpiresAt <= now + LongestLifetime, nameof(ExpiresAt), "A key can live at most three years.");
        return errors.Any ? errors.ToError() : this with { Name = name, Scopes = Scopes.Distinct().Order(StringComparer.Ordinal).ToList() };
    }
}
