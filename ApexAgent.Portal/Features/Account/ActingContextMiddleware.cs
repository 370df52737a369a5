namespace ApexAgent.Portal.Features.Account;

/// <summary>Sets <see cref="ActingContext.Current"/> for the rest of the request, once it is authenticated.</summary>
public static class ActingContextMiddleware
{
    public static void UseActingContext(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var actor = context.Features.Get<Actor>() ?? (context.User.HasActor() ? context.User.ToActor() : null);
            ActingContext.Current = new ActingContext(actor, context.Connection.RemoteIpAddress?.ToString());
            try
            {
                await next(context);
            }
            finally
            {
                ActingContext.Current = null; // never carried into the next request on the same connection
            }
        });
}
