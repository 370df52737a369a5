namespace ApexAgent.Domain.Discounts;

/// <summary>
/// A code redeemed by an organisation for a subscription. It is recorded with the first invoice it discounts (in the
/// transaction that makes that invoice) and counts against the code's limit unless that invoice was abandoned (void).
/// <see cref="PeriodsUsed"/> counts the billing periods discounted so far: the first invoice and each renewal.
/// </summary>
public sealed class DiscountRedemption
{
    private DiscountRedemption()
    {
    }

    public Guid Id { get; private set; }

    public Guid DiscountCodeId { get; private set; }

    public string Code { get; private set; } = "";

    public Guid OrganizationId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public Guid FirstInvoiceId { get; private set; }

    public int PeriodsUsed { get; private set; }

    public RedemptionStatus Status { get; private set; }

    public string? RedeemedByUserId { get; private set; }

    public DateTimeOffset RedeemedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>When a credit code's credits were granted (null: not yet, or not a credit code).</summary>
    public DateTimeOffset? CreditsGrantedAt { get; private set; }

    public static DiscountRedemption Redeem(DiscountCode code, Guid organizationId, Guid subscriptionId, Guid firstInvoiceId, string? redeemedBy, DateTimeOffset now)
    {
        var redemption = new DiscountRedemption
        {
            Id = Guid.CreateVersion7(now),
            DiscountCodeId = code.Id,
            Code = code.Code,
            OrganizationId = organizationId,
            SubscriptionId = subscriptionId,
            FirstInvoiceId = firstInvoiceId,
            RedeemedByUserId = redeemedBy,
            RedeemedAt = now,
            Status = RedemptionStatus.Active,
        };
        redemption.UsePeriod(code, now);
        return redemption;
    }

    /// <summary>Counts one more discounted period; ends the redemption when the code's duration is used up.</summary>
    public void UsePeriod(DiscountCode code, DateTimeOffset now)
    {
        PeriodsUsed++;
        if (code.Duration == DiscountDuration.Once || (code.Duration == DiscountDuration.Repeating && PeriodsUsed >= (code.Periods ?? 1)))
        {
            Status = RedemptionStatus.Ended;
            EndedAt = now;
        }
    }

    public void MarkCreditsGranted(DateTimeOffset now) => CreditsGrantedAt = now;
}
