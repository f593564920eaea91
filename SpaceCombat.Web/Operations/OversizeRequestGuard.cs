using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Answers a request whose address or headers are too large with a readable page (414 or 431). Kestrel refuses
/// oversize requests itself, with an empty body, before any middleware runs; so its limits are raised to
/// <see cref="KestrelRequestLineBytes"/> and <see cref="KestrelHeadersBytes"/> and this guard enforces the usual
/// limits (<see cref="MaxRequestLineBytes"/>, <see cref="MaxHeadersBytes"/>, Kestrel's defaults) with a page.
/// Requests beyond Kestrel's raised limits still get its empty answer.
/// </summary>
public static class OversizeRequestGuard
{
    /// <summary>Longest request line (method, target, protocol) the app serves: Kestrel's default.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>Largest total of request headers the app serves: Kestrel's default.</summary>
    public const int MaxHeadersBytes = 32 * 1024;

    /// <summary>Kestrel's own limits, above the app's so that requests between the two get the readable page.</summary>
    public const int KestrelRequestLineBytes = 64 * 1024;

    public const int KestrelHeadersBytes = 96 * 1024;

    /// <summary>Raises Kestrel's request line and header limits to the guard's outer limits.</summary>
    public static IServiceCollection AddOversizeRequestGuard(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = KestrelRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelHeadersBytes;
        });

    public static IApplicationBuilder UseOversizeRequestGuard(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (RequestLineBytes(context) > MaxRequestLineBytes)
        {
            return WritePageAsync(context, StatusCodes.Status414UriTooLong, "Address too long",
                "The address of this request is longer than the server accepts. Check the link, or start again from the lobby.");
        }
        if (HeadersBytes(context.Request.Headers) > MaxHeadersBytes)
        {
            return WritePageAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                "This request carries more header data (often cookies) than the server accepts. Clearing this site's cookies usually fixes it.");
        }
        return next(context);
    });

    internal static int RequestLineBytes(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var targetLength = string.IsNullOrEmpty(target)
            ? (context.Request.PathBase.Value?.Length ?? 0) + (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0)
            : target.Length;
        // "GET /target HTTP/1.1\r\n"
        return context.Request.Method.Length + 1 + targetLength + 1 + context.Request.Protocol.Length + 2;
    }

    internal static int HeadersBytes(IHeaderDictionary headers)
    {
        var total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                // "Name: value\r\n"
                total += name.Length + 2 + (value?.Length ?? 0) + 2;
            }
        }
        return total;
    }

    private static Task WritePageAsync(HttpContext context, int status, string title, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        // The titles and messages are fixed text; nothing of the request is echoed.
        var page = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} · SpaceCombat</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
            <h1>{title}</h1>
            <p>{message}</p>
            <p>Error {status}. <a href="/">Back to the lobby</a></p>
            </body>
            </html>
            """;
        return context.Response.WriteAsync(page);
    }
}
