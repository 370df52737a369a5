using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.TestClock;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>The test clock (issue 4 §8): read it, and move it forward running the billing jobs that become due. Staff only.</summary>
public static class TestClockEndpoints
{
    public static void MapTestClockEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var clock = endpoints.MapApiGroup("/test-clock", "Test clock")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        clock.MapGet("", Get).RequirePermission(Permission.BillingOperate).WithName("GetTestClock").Produces<TestClockStatusResponse>()
            .WithSummary("Whether the test clock is on, the application's time and how far it is ahead of real time.");
        clock.MapPost("/advance", Advance).RequirePermission(Permission.BillingOperate).WithName("AdvanceTestClock").Produces<TestClockResult>()
            .WithSummary("Moves the clock forward by { \"days\": n } (1 to 3,660) or to { \"to\": \"2027-03-01T00:00:00Z\" } (future, within 3,660 days), a day at a time, running renewals, dunning and notices on the way. 409 test_clock_disabled when off.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static IResult Get(TestClockService clock) =>
        TypedResults.Ok(new TestClockStatusResponse(clock.Enabled, clock.Now, clock.Offset));

    private static async Task<IResult> Advance(TestClockAdvance body, HttpContext http, TestClockService clock, CancellationToken ct)
    {
        var moved = await clock.AdvanceAsync(http.Actor(), body, ct);
        return moved.IsSuccess ? TypedResults.Ok(moved.Value) : ApiProblems.From(moved.Error);
    }
}
