using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Credits.Purchases.Api;

public sealed record CreditPackResponse(string Code, long Credits, ApiMoney Price, ApiMoney PricePerThousand, bool BestValue, int ValidMonths)
{
    public static CreditPackResponse From(CreditPack pack) => new(pack.Code, pack.Credits, ApiMoney.From(pack.Price), ApiMoney.From(pack.PricePerThousand), pack.BestValue, 12);
}
