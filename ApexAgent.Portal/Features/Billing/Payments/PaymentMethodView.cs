namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>A saved payment method as people see it; <see cref="ExpiresSoon"/> flags cards within two months of expiry.</summary>
public sealed record PaymentMethodView(Guid Id, string Type, string Brand, string Last4, int ExpMonth, int ExpYear, bool IsDefault, bool Expired, bool ExpiresSoon, DateTimeOffset CreatedAt)
{
    public static PaymentMethodView Of(PaymentMethod method, bool isDefault, DateTimeOffset now) =>
        new(method.Id, method.Type, method.Brand, method.Last4, method.ExpMonth, method.ExpYear, isDefault, method.ExpiredAt(now), !method.ExpiredAt(now) && method.ExpiredAt(now.AddMonths(2)), method.CreatedAt);

    public string Describe() => $"{Brand} •••• {Last4}";
}
