using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Verification;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Verification;

/// <summary>The staff review queue pages in the database: every filter's pages, put together, are its whole list in queue order, and the count is right.</summary>
public sealed class VerificationQueuePagingTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    [Fact]
    public async Task Pages_put_together_are_the_whole_filtered_queue_in_order_open_oldest_first_then_decided_newest_first()
    {
        var support = await portal.Factory.CreateAccountAsync(role: PlatformRole.Support);
        var customer = await portal.Factory.CreateAccountAsync();
        await SeedAsync(customer.OrganizationId, 617, count: 143);
        var all = await portal.Factory.WithDbAsync(db => db.VerificationApplications.AsNoTracking().ToListAsync());
        var reviews = portal.Factory.Get<VerificationReviewService>();
        var random = new Random(4242);
        var filters = new (VerificationStatus? Status, bool OpenOnly, AccountType? Type)[]
        {
            (null, true, null), (null, false, null), (VerificationStatus.Approved, false, null), (VerificationStatus.Rejected, false, AccountType.Healthcare),
            (null, true, AccountType.Education), (VerificationStatus.MoreInformationRequested, true, null), (null, false, AccountType.Healthcare),
        };

        foreach (var (status, openOnly, type) in filters)
        {
            var expected = all.Where(a => (status is null || a.Status == status) && (type is null || a.Type == type) && (!openOnly || a.IsOpen))
                .OrderBy(a => a.IsOpen ? 0 : 1).ThenBy(a => a.IsOpen ? a.SubmittedAt.UtcTicks : -a.UpdatedAt.UtcTicks).Select(a => a.Id).ToList();
            for (var round = 0; round < 3; round++)
            {
                var size = random.Next(1, 40);
                var seen = new List<Guid>();
                for (var page = 0; ; page++)
                {
                    var slice = (await reviews.PageAsync(support.Actor, status, openOnly, type, page, size, CancellationToken.None)).Value;
                    Assert.Equal(expected.Count, slice.Total);
                    Assert.True(slice.Items.Count <= size);
                    if (slice.Items.Count == 0)
                    {
                        break;
                    }

                    seen.AddRange(slice.Items.Select(i => i.Id));
                }

                Assert.Equal(expected, seen);
            }
        }

        Assert.Equal(VerificationReviewService.MaxPageSize, (await reviews.PageAsync(support.Actor, null, false, null, 0, 10_000, CancellationToken.None)).Value.Items.Count);
        Assert.Equal(ErrorKind.Forbidden, (await reviews.PageAsync(customer.Actor, null, false, null, 0, 25, CancellationToken.None)).Error!.Kind);
    }

    private Task SeedAsync(Guid organizationId, int seed, int count) => SeedAsync(portal.Factory, organizationId, seed, count, "Queue Institute", null, null, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// <paramref name="count"/> applications named "<paramref name="name"/> NN" with random (or the given) status and
    /// type, and distinct submitted and updated instants from <paramref name="from"/> on.
    /// </summary>
    internal static Task SeedAsync(PortalFactory factory, Guid organizationId, int seed, int count, string name, VerificationStatus? status, AccountType? type, DateTimeOffset from) =>
        factory.WithDbAsync(async db =>
        {
            var random = new Random(seed);
            var submitted = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToList();
            var updated = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToList();
            for (var i = 0; i < count; i++)
            {
                var chosen = status ?? (VerificationStatus)random.Next(0, 4);
                db.VerificationApplications.Add(new VerificationApplication
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = organizationId,
                    Type = type ?? (random.Next(2) == 0 ? AccountType.Education : AccountType.Healthcare),
                    Status = chosen,
                    LegalName = $"{name} {i:D2}",
                    Website = "https://queue.example.test",
                    Country = "US",
                    InstitutionType = "university",
                    EmailDomain = "example.test",
                    EmailDomainCheck = "ok",
                    ApplicantUserId = "seed",
                    ApplicantEmail = "seed@example.test",
                    SubmittedAt = from.AddMinutes(submitted[i]),
                    UpdatedAt = from.AddDays(1).AddMinutes(updated[i]),
                    DecidedAt = chosen is VerificationStatus.Approved or VerificationStatus.Rejected ? from.AddDays(1).AddMinutes(updated[i]) : null,
                    ExpiresAt = chosen == VerificationStatus.Approved ? from.AddYears(2) : null,
                    RejectionReason = chosen == VerificationStatus.Rejected ? "Not an accredited institution." : null,
                });
            }

            return await db.SaveChangesAsync();
        });
}
