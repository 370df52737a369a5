using ApexAgent.Portal.Features.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ApexAgent.Portal.Components.Shared;

/// <summary>Base of the interactive pages: gives them the <see cref="Actor"/> of the signed-in person.</summary>
public abstract class PortalPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected async Task<Actor> GetActorAsync()
    {
        var state = await (AuthenticationState ?? throw new InvalidOperationException("No authentication state."));
        return state.User.ToActor();
    }
}
