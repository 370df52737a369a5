using ApexAgent.Portal.Features.Billing.Pricing;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>The verifications a pricing batch loaded for the account-type discount (the volume step reads them too).</summary>
public sealed class AccountTypeDiscountState
{
    public IReadOnlyDictionary<Guid, VerifiedAccount> Verified { get; set; } = new Dictionary<Guid, VerifiedAccount>();
}
