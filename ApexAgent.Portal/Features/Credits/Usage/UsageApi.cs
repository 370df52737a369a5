using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>Usage metering (ADR 0012): one event, a batch of up to 1,000, and the staff reversal.</summary>
public static class UsageApi
{
    public const int MaxBatch = 1000;

    public static void MapUsageApi(this WebApplication app)
    {
        var usage = app.MapApiGroup("/usage", "Usage");
        usage.MapPost("", RecordAsync).RequirePermission(Permission.UsageWrite).WithName("RecordUsage")
            .Produces<UsageResponse>().ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Records one usage event of the caller's organisation: priced by the rate card in force when it occurred and deducted at once. A repeated eventId answers the first answer (duplicate: true) and deducts nothing; a balance that cannot cover it answers 402 insufficient_credits and deducts nothing.");
        usage.MapPost("/batch", RecordBatchAsync).RequirePermission(Permission.UsageWrite).WithName("RecordUsageBatch")
            .Produces<UsageBatchResponse>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Records up to 1,000 usage events in order, each atomic on its own: an invalid or uncovered event is refused on its own line and the others are recorded.");

        var admin = app.MapApiGroup("/admin/credits/usage", "Credits operations (staff)").ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/reverse", ReverseAsync).RequirePermission(Permission.CreditsOperate).WithName("ReverseUsage")
            .Produces<UsageReversalResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Gives back what a usage event deducted (a task that failed on our side): to the grants it came from while they are live, otherwise to a new 30-day grant of the same kind. Once per event.");
    }

    private static async Task<IResult> RecordAsync(HttpContext http, UsageRequest? request, UsageIntake intake, UsageMeter meter, CancellationToken ct)
    {
        var actor = http.Actor();
        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return ApiProblems.From(readOnly);
        }

        var checkedUsage = await intake.CheckAsync(actor, request, ct);
        if (!checkedUsage.IsSuccess)
        {
            return ApiProblems.From(checkedUsage.Error);
        }

        var outcome = await meter.RecordAsync(checkedUsage.Value, ct);
        return outcome.Kind switch
        {
            UsageOutcomeKind.Accepted or UsageOutcomeKind.Duplicate => TypedResults.Ok(UsageResponse.From(outcome)),
            UsageOutcomeKind.Refused => Insufficient(outcome),
            _ => NotRecorded(),
        };
    }

    private static async Task<IResult> RecordBatchAsync(HttpContext http, UsageBatchRequest? request, UsageIntake intake, UsageMeter meter, CreditBalances balances, CancellationToken ct)
    {
        var actor = http.Actor();
        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return ApiProblems.From(readOnly);
        }

        if (request?.Events is not { Count: > 0 } events)
        {
            return ApiProblems.From(new Error("empty_batch", "Send { \"events\": [ … ] } with 1 to 1,000 events."));
        }

        if (events.Count > MaxBatch)
        {
            return ApiProblems.From(new Error("batch_too_large", $"A batch carries at most {MaxBatch:N0} events; this one has {events.Count:N0}. Split it."));
        }

        var results = new UsageBatchResult[events.Count];
        var valid = new List<UsageSubmission>(events.Count);
        var validIndex = new List<int>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var checkedUsage = await intake.CheckAsync(actor, events[i], ct);
            if (checkedUsage.IsSuccess)
            {
                valid.Add(checkedUsage.Value);
                validIndex.Add(i);
            }
            else
            {
                results[i] = new UsageBatchResult(i, events[i]?.EventId, "invalid", 0, null, false, null, [], checkedUsage.Error.Code, checkedUsage.Error.Message, null);
            }
        }

        var outcomes = await meter.RecordAsync([.. valid], ct);
        int accepted = 0, duplicates = 0;
        long deducted = 0;
        long? balance = null;
        for (var j = 0; j < outcomes.Length; j++)
        {
            var outcome = outcomes[j];
            var i = validIndex[j];
            var credits = new Millicredits(outcome.Balance).Credits;
            switch (outcome.Kind)
            {
                case UsageOutcomeKind.Accepted:
                    accepted++;
                    deducted += outcome.Deducted;
                    balance = outcome.Balance;
                    results[i] = Result(i, outcome, "accepted");
                    break;
                case UsageOutcomeKind.Duplicate:
                    duplicates++;
                    results[i] = Result(i, outcome, "duplicate");
                    break;
                case UsageOutcomeKind.Refused:
                    balance = outcome.Balance;
                    results[i] = new UsageBatchResult(i, outcome.EventId, "refused", 0, credits, false, outcome.RateCardVersion, [],
                        "insufficient_credits", "The balance does not cover this usage; nothing was deducted.", new Millicredits(outcome.Required).Credits);
                    break;
                default:
                    results[i] = new UsageBatchResult(i, outcome.EventId, "failed", 0, null, false, null, [], "usage_not_recorded", "This event could not be recorded; nothing was deducted. Send it again.", null);
                    break;
            }
        }

        balance ??= (await balances.GetAsync(actor.OrganizationId, ct)).Available.Value;
        return TypedResults.Ok(new UsageBatchResponse(accepted, duplicates, events.Count - accepted - duplicates, new Millicredits(deducted).Credits, new Millicredits(balance.Value).Credits, results));
    }

    private static async Task<IResult> ReverseAsync(HttpContext http, ReverseUsageRequest request, UsageReversals reversals, CancellationToken ct)
    {
        var result = await reversals.ReverseAsync(http.Actor(), request.OrganizationId, request.EventId, request.Reason, ct);
        return result.IsSuccess ? TypedResults.Ok(UsageReversalResponse.From(result.Value)) : ApiProblems.From(result.Error);
    }

    private static UsageBatchResult Result(int index, UsageOutcome outcome, string status)
    {
        var response = UsageResponse.From(outcome);
        return new UsageBatchResult(index, outcome.EventId, status, response.Deducted, response.Balance, response.Duplicate, response.RateCardVersion, response.Parts, null, null, null);
    }

    private static IResult Insufficient(UsageOutcome outcome) => TypedResults.Problem(
        $"The balance ({new Millicredits(outcome.Balance).Credits} credits) does not cover this usage ({new Millicredits(outcome.Required).Credits} credits); nothing was deducted.",
        statusCode: StatusCodes.Status402PaymentRequired,
        title: "Not enough credits.",
        type: ApiProblems.TypeFor("insufficient_credits"),
        extensions: new Dictionary<string, object?>
        {
            ["code"] = "insufficient_credits",
            ["balance"] = new Millicredits(outcome.Balance).Credits,
            ["required"] = new Millicredits(outcome.Required).Credits,
        });

    private static IResult NotRecorded() => TypedResults.Problem(
        "The usage could not be recorded; nothing was deducted. Send it again.",
        statusCode: StatusCodes.Status500InternalServerError,
        extensions: new Dictionary<string, object?> { ["code"] = "usage_not_recorded" });
}
