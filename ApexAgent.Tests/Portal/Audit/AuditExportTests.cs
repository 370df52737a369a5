using System.Net;
using ApexAgent.Tests.TestSupport;

namespace ApexAgent.Tests.Portal.Audit;

public sealed class AuditExportTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    [Fact]
    public async Task An_owner_exports_their_organisations_log_with_the_pages_filters_and_a_member_cannot()
    {
        var s = await OrganizationScenario.CreateAsync(portal.Factory);
        var other = await OrganizationScenario.CreateAsync(portal.Factory, "Globex");
        var owner = await portal.Factory.SignedInClientAsync(s.Owner.UserId);

        var all = await owner.GetStringAsync("/audit.csv");
        var added = await owner.GetStringAsync("/audit.csv?action=member.added");
        var member = await (await portal.Factory.SignedInClientAsync(s.SalesMember.UserId)).GetAsync("/audit.csv");

        var rows = added.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Entry,Occurred (UTC),Organisation,Action,Who", rows[0], StringComparison.Ordinal);
        Assert.Equal(6, rows.Length - 1); // everyone who joined, the owner included
        Assert.All(rows.Skip(1), r => Assert.Contains(",member.added,", r, StringComparison.Ordinal));
        Assert.Contains("unit.created", all, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Admin.UserId, all, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
    }
}
