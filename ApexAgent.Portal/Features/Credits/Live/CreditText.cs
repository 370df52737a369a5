using System.Globalization;
using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>Credits as people read them: thousands separators, up to three decimals, no unit.</summary>
public static class CreditText
{
    public static string Of(Millicredits credits) => credits.Credits.ToString("#,##0.###", CultureInfo.InvariantCulture);
}
