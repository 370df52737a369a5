using System.Globalization;
using ApexAgent.Domain.Catalog;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// The sources of the grants the portal gives by itself. A source is unique per organisation, so each names exactly
/// one grant and giving it twice is refused: that is what makes every allocation idempotent.
/// </summary>
public static class AllocationSources
{
    /// <summary>The base credits of one billing period of a subscription (the period's start, UTC date).</summary>
    public static string Base(Guid subscriptionId, DateTimeOffset periodStart) =>
        $"base:{subscriptionId:N}:{periodStart.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>The extra base credits of a plan change applied within a period (named by the change's invoice).</summary>
    public static string BaseChange(Guid subscriptionId, Guid invoiceId) => $"base:{subscriptionId:N}:change:{invoiceId:N}";

    /// <summary>The first-period bonus: once per organisation and tier.</summary>
    public static string Bonus(Guid organizationId, TierCode tier) => $"bonus:{organizationId:N}:{tier.ToString().ToLowerInvariant()}";

    /// <summary>The daily refresh of one local day of the organisation.</summary>
    public static string Daily(DateOnly day) => $"daily:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>A promotional or support grant given by staff.</summary>
    public static string Promotional(Guid grantId) => $"promo:{grantId:N}";
}
