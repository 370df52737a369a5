using ApexAgent.Portal.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>
/// <c>/hubs/credits</c>: API clients (an API key with <c>credits.read</c> in the Authorization header) and signed-in
/// browsers (the portal cookie) hear <c>balanceChanged</c> for their own organisation. The group is chosen here from
/// the authenticated principal; the hub has no method a client could call to join another organisation's group.
/// </summary>
[Authorize(Policy = CreditsHubAccess.Policy)]
public sealed class CreditsHub : Hub
{
    public const string Path = "/hubs/credits";
    public const string BalanceChanged = "balanceChanged";

    public static string GroupOf(Guid organizationId) => "org:" + organizationId.ToString("N");

    public override async Task OnConnectedAsync()
    {
        var organization = Context.User!.ToActor().OrganizationId;
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(organization));
        await base.OnConnectedAsync();
    }
}
