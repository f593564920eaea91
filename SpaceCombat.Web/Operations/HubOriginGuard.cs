using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Refuses requests to the Blazor hub (<c>/_blazor</c>: negotiate, WebSocket upgrade, long polling) that carry an
/// <c>Origin</c> other than the allowed ones (<see cref="HubOrigins"/>), so a page of another site cannot drive a
/// circuit (such as an admin's) through the visitor's browser. A request without <c>Origin</c> is not from a
/// browser page and is let through: any non-browser client can set the header anyway.
/// </summary>
public static partial class HubOriginGuard
{
    public static readonly PathString HubPath = "/_blazor";

    /// <summary>Longest part of a refused <c>Origin</c> that is logged (it is the client's text).</summary>
    private const int LoggedOriginLength = 100;

    public static IApplicationBuilder UseHubOriginGuard(this IApplicationBuilder app)
    {
        var origins = app.ApplicationServices.GetRequiredService<HubOrigins>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HubOriginGuard));
        return app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(HubPath))
            {
                return next(context);
            }
            var origin = context.Request.Headers.Origin;
            if (origin.Count == 0 || (origin.Count == 1 && origins.IsAllowed(origin[0]!, context.Request.Host)))
            {
                return next(context);
            }
            var shown = origin.ToString();
            LogRefused(logger, ClientAddress.Of(context), shown.Length > LoggedOriginLength ? shown[..LoggedOriginLength] : shown);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("Connections from pages of another site are refused.");
        });
    }

    [LoggerMessage(EventId = 1320, Level = LogLevel.Warning, Message = "Refused a Blazor hub request from {ClientAddress} with Origin {Origin}")]
    private static partial void LogRefused(ILogger logger, string clientAddress, string origin);
}
