namespace ApexAgent.Portal.Features.Credits;

/// <summary>A saved version of the rate card (ADR 0009): its rates as JSON, in force from <see cref="EffectiveFrom"/>.</summary>
public sealed class RateCardVersion
{
    public int Version { get; set; }

    public DateTimeOffset EffectiveFrom { get; set; }

    /// <summary>JSON array of <c>{ feature, measure, unitSize, perUnit }</c> (perUnit in millicredits).</summary>
    public string Rates { get; set; } = "[]";

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Note { get; set; } = "";
}
