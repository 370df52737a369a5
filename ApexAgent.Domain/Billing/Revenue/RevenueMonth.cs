using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Billing.Revenue;

/// <summary>
/// One calendar month (UTC) of recurring revenue: where it started and ended, how many organisations moved in each way, and
/// the money each kind of movement brought or took. It always reconciles:
/// <c>MrrAtStart + NewMrr + ExpansionMrr + ReactivationMrr − ContractionMrr − ChurnedMrr = MrrAtEnd</c>, and a month's
/// <see cref="MrrAtStart"/> is the previous month's <see cref="MrrAtEnd"/>.
/// </summary>
/// <param name="Month">The first day of the month.</param>
/// <param name="MrrAtStart">Monthly recurring revenue as the month began (the end of the previous month).</param>
/// <param name="MrrAtEnd">Monthly recurring revenue at the end of the month, or at the report's <c>now</c> for the current month.</param>
/// <param name="New">Organisations that started paying for the first time.</param>
/// <param name="Upgrades">Upgrades, and seat or cycle changes that raised what a paying organisation pays.</param>
/// <param name="Downgrades">Downgrades, and seat or cycle changes that lowered what a paying organisation pays.</param>
/// <param name="Cancellations">Paying organisations that stopped paying (canceled, fell back to Free).</param>
/// <param name="Reactivations">Organisations that started paying again after having paid before.</param>
/// <param name="NewMrr">Recurring revenue brought by new organisations.</param>
/// <param name="ExpansionMrr">Recurring revenue added by paying organisations paying more.</param>
/// <param name="ContractionMrr">Recurring revenue lost by paying organisations paying less (a positive amount).</param>
/// <param name="ChurnedMrr">Recurring revenue lost by organisations that stopped paying (a positive amount).</param>
/// <param name="ReactivationMrr">Recurring revenue brought back by reactivated organisations.</param>
public sealed record RevenueMonth(
    DateOnly Month,
    Money MrrAtStart,
    Money MrrAtEnd,
    int New,
    int Upgrades,
    int Downgrades,
    int Cancellations,
    int Reactivations,
    Money NewMrr,
    Money ExpansionMrr,
    Money ContractionMrr,
    Money ChurnedMrr,
    Money ReactivationMrr);
