using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Features.Support;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Audit;

public sealed class ReadOnlyViewGuardTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task A_support_view_cannot_write_but_its_own_record_and_the_audit_log_can()
    {
        var customer = await Factory.CreateAccountAsync();
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.Support);
        var view = new SupportView
        {
            Id = Guid.CreateVersion7(),
            SupportUserId = staff.UserId,
            CustomerUserId = customer.UserId,
            OrganizationId = customer.OrganizationId,
            Reason = "Ticket 7: cannot find invoices",
            StartedAt = Factory.Now,
            ExpiresAt = Factory.Now + SupportView.Lifetime,
        };
        await AuditLogTestData.ActingAsync(staff.Actor, () => Factory.WithDbAsync(db =>
        {
            db.SupportViews.Add(view);
            return db.SaveChangesAsync();
        }));
        var readOnly = customer.Actor with { ImpersonatorUserId = staff.UserId, ImpersonationId = view.Id };
        Assert.True(readOnly.IsReadOnly);
        var before = (await Factory.EntriesAsync(customer.OrganizationId)).Count;

        await AuditLogTestData.ActingAsync(readOnly, async () =>
        {
            var refused = await Assert.ThrowsAsync<ReadOnlyViewException>(() => Factory.WithDbAsync(async db =>
            {
                (await db.Organizations.SingleAsync(o => o.Id == customer.OrganizationId)).Name = "Renamed by support";
                return await db.SaveChangesAsync();
            }));
            Assert.Equal(Actor.ReadOnlyView.Message, refused.Message);

            await Factory.Get<AuditTrail>().RecordAsync(AuditActions.SupportViewPageViewed, customer.OrganizationId, "SupportView", view.Id.ToString(), new { page = "/settings" }, view.Reason);
            return await Factory.WithDbAsync(async db =>
            {
                (await db.SupportViews.SingleAsync(v => v.Id == view.Id)).EndedAt = Factory.Now;
                return await db.SaveChangesAsync();
            });
        });

        Assert.NotEqual("Renamed by support", await Factory.WithDbAsync(db => db.Organizations.Where(o => o.Id == customer.OrganizationId).Select(o => o.Name).SingleAsync()));
        var entries = (await Factory.EntriesAsync(customer.OrganizationId)).ToList();
        var added = entries.Skip(before).ToList();
        Assert.Equal([AuditActions.SupportViewPageViewed, AuditActions.SupportViewEnded], added.Select(e => e.Action));
        Assert.All(added, e => Assert.Equal((customer.UserId, staff.UserId, staff.Email, view.Id), (e.ActorUserId, e.ImpersonatorUserId, e.ImpersonatorLabel, e.SupportViewId)));
        Assert.All(added, e => Assert.Equal(view.Reason, e.Reason));
        var started = entries.Single(e => e.Action == AuditActions.SupportViewStarted);
        Assert.Equal((customer.UserId, staff.UserId, view.Reason), (started.ActorUserId, started.ImpersonatorUserId, started.Reason));
    }

    [Fact]
    public async Task The_api_answers_a_refused_write_with_a_read_only_view_problem()
    {
        var handler = Factory.Services.GetServices<IExceptionHandler>().Single(h => h is ApiExceptionHandler);
        await using var scope = Factory.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Path = "/api/v1/api-keys";
        http.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(http, new ReadOnlyViewException(), CancellationToken.None));

        Assert.Equal(403, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("read_only_view", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(Actor.ReadOnlyView.Message, problem.RootElement.GetProperty("detail").GetString());
    }
}
