using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.TestClock;

/// <summary>
/// Moves the application's clock forward and runs the jobs that become due, a day at a time, so a year of renewals,
/// dunning and notices happens in order within a minute (like Stripe's and Kill Bill's test clocks). One advance at a
/// time.
/// </summary>
public sealed class TestClockService(IOptions<TestClockOptions> options, TestClock clock, BillingRun billing, FreePeriodRenewalJob freeRenewals, CreditAllocationPass allocations)
{
    public const int MaxDays = 3_660;
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public bool Enabled => options.Value.Enabled;

    public DateTimeOffset Now => clock.GetUtcNow();

    public TimeSpan Offset => clock.Offset;

    public async Task<Result<TestClockResult>> AdvanceAsync(Actor actor, TestClockAdvance request, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("move the test clock");
        }

        if (!Enabled)
        {
            return new Error("test_clock_disabled", "The test clock is off here. It is enabled with TestClock:Enabled, never in Production.", ErrorKind.Conflict);
        }

        var from = clock.GetUtcNow();
        var target = request switch
        {
            { Days: { } days, To: null } when days is >= 1 and <= MaxDays => from.AddDays(days),
            { Days: null, To: { } to } when to > from && to <= from.AddDays(MaxDays) => to,
            _ => (DateTimeOffset?)null,
        };
        if (target is null)
        {
            return Error.Invalid(new Dictionary<string, string[]>
            {
                ["days"] = [$"Give either days (1 to {MaxDays:N0}) or an instant 'to' in the future, within {MaxDays:N0} days."],
            });
        }

        await OneAtATime.WaitAsync(ct);
        try
        {
            var total = new BillingRunSummary(0, 0, 0, 0, 0);
            var steps = 0;
            var end = clock.Offset + (target.Value - from); // counted on the offset, so "days" moves by exactly that many days
            while (clock.Offset < end)
            {
                var step = end - clock.Offset;
                clock.Advance(step > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : step);
                await freeRenewals.RenewAsync(ct);
                var run = await billing.RunAsync(ct);
                await allocations.RunAsync(ct); // credits move with the clock: base catch-up, daily refresh, expiry
                total = new BillingRunSummary(total.Renewed + run.Renewed, total.Paid + run.Paid, total.Failed + run.Failed, total.FellBackToFree + run.FellBackToFree, total.RenewalNotices + run.RenewalNotices);
                steps++;
            }

            return new TestClockResult(from, clock.GetUtcNow(), clock.Offset, steps, total);
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
