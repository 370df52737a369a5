using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Usage;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Demo;

/// <summary>
/// Four weeks of agent usage for the demo Pro user and Northwind Robotics, sent through the real usage writer once the
/// portal has started (the writer is a hosted service), so that /usage, /credits and the forecast have something to
/// show. Busier on weekdays; only for an organisation with no usage yet, so a restart adds nothing.
/// </summary>
public sealed class DemoUsage(IDbContextFactory<PortalDbContext> dbFactory, UsageMeter meter, RateCards rateCards, TimeProvider clock, ILogger<DemoUsage> logger)
{
    private const int Days = 28;

    private static readonly (string Feature, decimal Quantity)[] Mix =
    [
        ("agent.step", 12), ("llm.tokens.standard", 9_000), ("llm.tokens.small", 20_000), ("llm.tokens.frontier", 1_200),
        ("browser.minute", 4), ("sandbox.minute", 6), ("image.generation", 1), ("data.api_call", 2),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var pro = await db.Users.Where(u => u.Email == DemoAccount.ProUser.Email)
                .SelectMany(u => db.Memberships.Where(m => m.UserId == u.Id).Select(m => new { m.OrganizationId, m.UserId }))
                .FirstOrDefaultAsync(ct);
            var northwind = await db.Organizations.Where(o => o.Name == DemoEnterprise.Name).Select(o => o.Id).FirstOrDefaultAsync(ct);
            if (pro is not null)
            {
                await SendAsync(db, pro.OrganizationId, [pro.UserId], tasksPerWeekday: 20, ct);
            }

            if (northwind != Guid.Empty)
            {
                var people = await db.Memberships.Where(m => m.OrganizationId == northwind).OrderBy(m => m.UserId).Select(m => m.UserId).Take(8).ToListAsync(ct);
                await SendAsync(db, northwind, people, tasksPerWeekday: 600, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The demo usage could not be recorded; the demo works without it.");
        }
    }

    private async Task SendAsync(PortalDbContext db, Guid organizationId, IReadOnlyList<string> people, int tasksPerWeekday, CancellationToken ct)
    {
        if (people.Count == 0 || await db.UsageEvents.AnyAsync(u => u.OrganizationId == organizationId, ct))
        {
            return;
        }

        var history = await rateCards.HistoryAsync(ct);
        var now = clock.GetUtcNow();
        var random = new Random(organizationId.GetHashCode());
        var events = new List<UsageSubmission>();
        for (var day = Days; day >= 0; day--)
        {
            var date = now.AddDays(-day);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var tasks = (int)(tasksPerWeekday * (weekend ? 0.25 : 0.7 + random.NextDouble() * 0.6));
            for (var task = 0; task < tasks; task++)
            {
                var at = date.Date.AddHours(7 + random.Next(0, 13)).AddMinutes(random.Next(60));
                var occurredAt = new DateTimeOffset(at, TimeSpan.Zero);
                if (occurredAt > now || now - occurredAt > UsageIntake.MaxAge - TimeSpan.FromHours(1))
                {
                    continue;
                }

                var (feature, quantity) = Mix[random.Next(Mix.Length)];
                var card = history.InForceAt(occurredAt);
                if (card?.Price(feature, quantity) is not { IsSuccess: true } price)
                {
                    continue;
                }

                events.Add(new UsageSubmission(
                    organizationId, $"demo-{day}-{task}", feature, (long)(quantity * 1_000), people[random.Next(people.Count)], null,
                    occurredAt, card.Version, price.Value.Value, null));
            }
        }

        foreach (var chunk in events.Chunk(1_000))
        {
            await meter.RecordAsync(chunk, ct);
        }

        logger.LogInformation("Recorded {Events} demo usage events for organisation {Organization}.", events.Count, organizationId);
    }
}
