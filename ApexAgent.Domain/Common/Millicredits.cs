using System.Globalization;

namespace ApexAgent.Domain.Common;

/// <summary>Credits counted in whole millicredits (1 credit = 1,000 millicredits). Never floating point.</summary>
public readonly record struct Millicredits(long Value) : IComparable<Millicredits>
{
    public const long PerCredit = 1_000;

    public static readonly Millicredits Zero = new(0);

    public static Millicredits FromCredits(long credits) => new(checked(credits * PerCredit));

    /// <summary>Credits as a decimal with up to three decimals, the form used in JSON.</summary>
    public decimal Credits => Value / (decimal)PerCredit;

    public static Millicredits operator +(Millicredits a, Millicredits b) => new(checked(a.Value + b.Value));

    public static Millicredits operator -(Millicredits a, Millicredits b) => new(checked(a.Value - b.Value));

    public static Millicredits operator *(Millicredits a, int factor) => new(checked(a.Value * factor));

    public static bool operator <(Millicredits a, Millicredits b) => a.Value < b.Value;

    public static bool operator >(Millicredits a, Millicredits b) => a.Value > b.Value;

    public static bool operator <=(Millicredits a, Millicredits b) => a.Value <= b.Value;

    public static bool operator >=(Millicredits a, Millicredits b) => a.Value >= b.Value;

    public int CompareTo(Millicredits other) => Value.CompareTo(other.Value);

    /// <summary>People-facing form with thousands separators, e.g. <c>12,500 credits</c> or <c>0.5 credits</c>.</summary>
    public string Format() => Credits.ToString("#,##0.###", CultureInfo.InvariantCulture) + (Value == PerCredit ? " credit" : " credits");

    public override string ToString() => Format();
}
