using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ApexAgent.Portal.Features.Account;

/// <summary>
/// Sets <see cref="ActingContext.Current"/> around every activity of an interactive page (events, renders,
/// JavaScript calls), from the page's authentication state brought up to date (<see cref="AccessDirectory.RefreshAsync"/>)
/// and the address the page was opened from.
/// </summary>
internal sealed class ActingContextCircuitHandler(AuthenticationStateProvider authentication, AccessDirectory directory, IHttpContextAccessor http) : CircuitHandler
{
    private string? address;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        address ??= http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            var actor = state.User.HasActor() ? await directory.RefreshAsync(state.User.ToActor(), CancellationToken.None) : null;
            ActingContext.Current = new ActingContext(actor, address);
            await next(context);
        };
}
