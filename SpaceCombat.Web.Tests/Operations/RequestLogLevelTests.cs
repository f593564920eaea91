using Microsoft.AspNetCore.Http;
using Serilog.Events;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class RequestLogLevelTests
{
    [Theory]
    [InlineData("/", 200, LogEventLevel.Information)]
    [InlineData("/battle/42", 200, LogEventLevel.Information)]
    [InlineData("/no-such-page", 404, LogEventLevel.Information)]
    [InlineData("/_blazor", 101, LogEventLevel.Debug)]
    [InlineData("/_blazor/negotiate", 200, LogEventLevel.Debug)]
    [InlineData("/_framework/blazor.web.js", 200, LogEventLevel.Debug)]
    [InlineData("/app.css", 200, LogEventLevel.Debug)]
    [InlineData("/health", 200, LogEventLevel.Debug)]
    [InlineData("/ready", 503, LogEventLevel.Debug)]
    [InlineData("/metrics", 200, LogEventLevel.Debug)]
    [InlineData("/battle/42", 500, LogEventLevel.Error)]
    [InlineData("/app.css", 503, LogEventLevel.Error)]
    public void Requests_are_logged_at_a_level_that_keeps_noise_out(string path, int status, LogEventLevel expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.StatusCode = status;

        Assert.Equal(expected, OperationsExtensions.GetRequestLogLevel(context, 1, null));
    }

    [Fact]
    public void A_request_that_threw_is_an_error()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/";

        Assert.Equal(LogEventLevel.Error, OperationsExtensions.GetRequestLogLevel(context, 1, new InvalidOperationException()));
    }
}
