using ApexAgent.Domain.Discounts;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>
/// What the code step loaded for a pricing batch: every active redemption of its organisations (tracked, so a renewal
/// counts its period in the batch's transaction), and — for a draft made for one organisation, where a customer may enter
/// a code — the codes on offer, how many live redemptions each has, the codes the organisation already used and whether
/// it ever had a paid subscription.
/// </summary>
public sealed class CodeDiscountState
{
    public Dictionary<Guid, List<(DiscountRedemption Redemption, DiscountCode Code)>> Active { get; } = [];

    public Dictionary<string, DiscountCode> Codes { get; } = new(StringComparer.Ordinal);

    public Dictionary<Guid, int> RedemptionCounts { get; } = [];

    public HashSet<Guid> UsedByOrganization { get; } = [];

    public bool HadPaidSubscription { get; set; }

    /// <summary>Redemptions recorded by this batch (so a second draft in the same batch counts them).</summary>
    public List<DiscountRedemption> Recorded { get; } = [];
}
