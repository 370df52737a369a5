using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Credits.Live.Api;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>
/// Reading credits without consuming them (issue 5 §4, §5): the balance, the ledger, the grants and the rate card.
/// Credits are JSON numbers of credits with up to three decimals; enum values are snake_case strings.
/// </summary>
public static class CreditsReadApi
{
    private const string CreditsNote = " Credits are decimal numbers of credits (up to three decimals).";

    public static void MapCreditsReadApi(this IEndpointRouteBuilder endpoints)
    {
        var credits = endpoints.MapApiGroup("/credits", "Credits").ProducesProblem(StatusCodes.Status403Forbidden);
        credits.MapGet("/balance", Balance).RequirePermission(Permission.CreditsRead).WithName("GetCreditBalance").Produces<BalanceResponse>()
            .WithSummary("The organisation's available credits now, split by grant kind, the overdraft in use and what expires next. Reads without consuming." + CreditsNote);
        credits.MapGet("/ledger", Ledger).RequirePermission(Permission.CreditsRead).WithName("GetCreditLedger").Produces<LedgerResponse>().ProducesValidationProblem()
            .WithSummary("The append-only ledger, newest first. cursor: the 'next' of the previous page; limit: 1–200 (50); kind: granted, used, expired, reversed or clawed_back; from/to: ISO 8601 instants (from inclusive, to exclusive). Each usage entry names the grant it came from." + CreditsNote);
        credits.MapGet("/grants", Grants).RequirePermission(Permission.CreditsRead).WithName("ListCreditGrants").Produces<List<GrantResponse>>().ProducesValidationProblem()
            .WithSummary("The organisation's grants: status=live (default; not yet expired, in burn order) or status=ended (latest first), at most 200." + CreditsNote);

        var rateCard = endpoints.MapApiGroup("/rate-card", "Credits").ProducesProblem(StatusCodes.Status403Forbidden);
        rateCard.MapGet("", RateCardNow).RequirePermission(Permission.CreditsRead).WithName("GetRateCard").Produces<RateCardNowResponse>()
            .WithSummary("What each feature costs: the rate card version in force now and any version saved to take effect later." + CreditsNote);
        rateCard.MapGet("/versions", RateCardVersions).RequirePermission(Permission.CreditsRead).WithName("ListRateCardVersions").Produces<List<RateCardResponse>>()
            .WithSummary("Every version of the rate card, oldest first. Usage is priced by the version in force when it happened." + CreditsNote);

        endpoints.MapApiGroup("/admin/rate-card", "Credits").ProducesProblem(StatusCodes.Status403Forbidden)
            .MapPost("/versions", SaveVersion).RequirePermission(Permission.CatalogManage).WithName("CreateRateCardVersion")
            .Produces<RateCardResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Saves a new rate card version (platform admins). It takes effect at effectiveFrom (omitted: now), which must not be in the past and must follow the latest version's; every feature's rate is given in full. A saved version never changes." + CreditsNote);
    }

    private static async Task<IResult> Balance(HttpContext http, CreditBalances balances, CancellationToken ct) =>
        TypedResults.Ok(BalanceResponse.From(await balances.GetAsync(http.Actor().OrganizationId, ct)));

    private static async Task<IResult> Ledger(HttpContext http, CreditLedgerReader reader, string? cursor, string? limit, string? kind, string? from, string? to, CancellationToken ct)
    {
        var query = ReadLedgerQuery(cursor, limit, kind, from, to);
        if (!query.IsSuccess)
        {
            return ApiProblems.From(query.Error);
        }

        var page = await reader.PageAsync(http.Actor().OrganizationId, query.Value, ct);
        return TypedResults.Ok(new LedgerResponse([.. page.Lines.Select(LedgerEntryResponse.From)], page.Next?.ToString(CultureInfo.InvariantCulture)));
    }

    private static async Task<IResult> Grants(HttpContext http, CreditLedgerReader reader, string? status, CancellationToken ct)
    {
        GrantStatus? which = status switch
        {
            null or "" or "live" => GrantStatus.Live,
            "ended" => GrantStatus.Ended,
            _ => null,
        };
        if (which is null)
        {
            return ApiProblems.From(new Error("invalid_status", "status is 'live' or 'ended'.") { Fields = new Dictionary<string, string[]> { ["status"] = ["Use 'live' or 'ended'."] } });
        }

        var grants = await reader.GrantsAsync(http.Actor().OrganizationId, which.Value, ct);
        return TypedResults.Ok(grants.Select(GrantResponse.From).ToList());
    }

    private static async Task<IResult> RateCardNow(RateCards rateCards, TimeProvider clock, CancellationToken ct)
    {
        var history = await rateCards.HistoryAsync(ct);
        var now = clock.GetUtcNow();
        var current = history.InForceAt(now);
        return TypedResults.Ok(new RateCardNowResponse(
            current is null ? null : RateCardResponse.From(current),
            [.. history.Versions.Where(v => v.EffectiveFrom > now).Select(RateCardResponse.From)]));
    }

    private static async Task<IResult> RateCardVersions(RateCards rateCards, CancellationToken ct) =>
        TypedResults.Ok((await rateCards.HistoryAsync(ct)).Versions.Select(RateCardResponse.From).ToList());

    private static async Task<IResult> SaveVersion(RateCardVersionBody body, HttpContext http, RateCardEditor editor, CancellationToken ct)
    {
        var request = new NewRateCardVersion(
            body.EffectiveFrom,
            body.Note,
            body.Rates is null ? [] : [.. body.Rates.Select(r => new NewFeatureRate(r.Feature, r.Measure, r.UnitSize ?? 0, r.CreditsPerUnit ?? -1))]);
        var saved = await editor.SaveAsync(http.Actor(), request, ct);
        return saved.IsSuccess
            ? TypedResults.Created($"{ApiSetup.Prefix}/rate-card/versions", RateCardResponse.From(saved.Value))
            : ApiProblems.From(saved.Error);
    }

    /// <summary>Reads the ledger's query string; each bad value is refused with its own code.</summary>
    public static Result<LedgerQuery> ReadLedgerQuery(string? cursor, string? limit, string? kind, string? from, string? to)
    {
        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return Invalid("invalid_cursor", "cursor", "The cursor is the 'next' value of a previous page.");
            }

            before = id;
        }

        var size = LedgerQuery.DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > LedgerQuery.LargestLimit))
        {
            return Invalid("invalid_limit", "limit", $"The limit is a whole number from 1 to {LedgerQuery.LargestLimit}.");
        }

        LedgerEntryKind? entryKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            entryKind = kind switch
            {
                "granted" => LedgerEntryKind.Granted,
                "used" => LedgerEntryKind.Used,
                "expired" => LedgerEntryKind.Expired,
                "reversed" => LedgerEntryKind.Reversed,
                "clawed_back" => LedgerEntryKind.ClawedBack,
                _ => null,
            };
            if (entryKind is null)
            {
                return Invalid("invalid_kind", "kind", "The kind is granted, used, expired, reversed or clawed_back.");
            }
        }

        if (!TryInstant(from, out var start))
        {
            return Invalid("invalid_range", "from", "'from' is an ISO 8601 instant, e.g. 2026-11-01T00:00:00Z.");
        }

        if (!TryInstant(to, out var end))
        {
            return Invalid("invalid_range", "to", "'to' is an ISO 8601 instant, e.g. 2026-12-01T00:00:00Z.");
        }

        if (start is not null && end is not null && end <= start)
        {
            return Invalid("invalid_range", "to", "'to' must be after 'from'.");
        }

        return new LedgerQuery(before, size, entryKind, start, end);
    }

    private static bool TryInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            instant = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }

    private static Error Invalid(string code, string field, string message) =>
        new(code, message) { Fields = new Dictionary<string, string[]> { [field] = [message] } };
}
