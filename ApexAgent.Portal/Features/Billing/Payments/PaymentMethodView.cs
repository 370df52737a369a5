using System.Text.Json.Serialization;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// A saved payment method as people see it; <see cref="ExpiresSoon"/> flags cards within two months of expiry,
/// <see cref="Declined"/> a method the processor hard-declined (automatic collection does not charge it again until it
/// is made the default again or replaced). Methods without an expiry (PayPal) are never expired.
/// </summary>
public sealed record PaymentMethodView(Guid Id, string Type, string Brand, string Last4, int ExpMonth, int ExpYear, bool IsDefault, bool Expired, bool ExpiresSoon, DateTimeOffset CreatedAt)
{
    public static PaymentMethodView Of(PaymentMethod method, bool isDefault, DateTimeOffset now)
    {
        var hasExpiry = method.ExpMonth is >= 1 and <= 12 && method.ExpYear is >= 2000 and <= 9998;
        var expired = hasExpiry && method.ExpiredAt(now);
        return new(method.Id, method.Type, method.Brand, method.Last4, method.ExpMonth, method.ExpYear, isDefault, expired, hasExpiry && !expired && method.ExpiredAt(now.AddMonths(2)), method.CreatedAt)
        {
            Declined = method.DeclinedAt is not null,
            DeclineCode = method.DeclineCode,
        };
    }

    /// <summary>The processor hard-declined its last charge (lost, stolen, closed, do not honour …).</summary>
    public bool Declined { get; init; }

    public string? DeclineCode { get; init; }

    /// <summary>True when the method has a card expiry to show.</summary>
    [JsonIgnore]
    public bool HasExpiry => !IsPayPal && ExpMonth is >= 1 and <= 12 && ExpYear > 0;

    [JsonIgnore]
    public bool IsPayPal => string.Equals(Type, "paypal", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>Visa •••• 4242</c>, or for PayPal the masked account the processor gave (the start of its email), e.g. <c>PayPal •••• jane</c>.</summary>
    public string Describe() => IsPayPal
        ? string.IsNullOrWhiteSpace(Last4) ? "PayPal" : $"PayPal •••• {Last4}"
        : $"{Brand} •••• {Last4}";
}
