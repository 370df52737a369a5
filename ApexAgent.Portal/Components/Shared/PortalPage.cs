using ApexAgent.Portal.Features.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ApexAgent.Portal.Components.Shared;

/// <summary>Base of the interactive pages: gives them the <see cref="Actor"/> of the signed-in person.</summary>
public abstract class PortalPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private AccessDirectory Directory { get; set; } = default!;

    /// <summary>
    /// The signed-in person as of now, for the organisation the page was opened for. Call it for every action rather
    /// than keeping the first answer: a page can stay open for hours, and a removal or role change applies at once.
    /// </summary>
    protected async Task<Actor> GetActorAsync()
    {
        var state = await (AuthenticationState ?? throw new InvalidOperationException("No authentication state."));
        return await Directory.RefreshAsync(state.User.ToActor(), CancellationToken.None);
    }
}
