namespace SpaceCombat.Web.Operations;

/// <summary>
/// Adds to every response: no MIME sniffing, the referrer cut to the origin across sites, and framing by this site
/// only (clickjacking). Set as the response starts, so error and status-code pages get them too.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentTypeOptions = "nosniff";
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";
    public const string ContentSecurityPolicy = "frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.XContentTypeOptions = ContentTypeOptions;
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
