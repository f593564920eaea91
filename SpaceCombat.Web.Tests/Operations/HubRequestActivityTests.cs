using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class HubRequestActivityTests
{
    [Theory]
    [InlineData("/_blazor", false)]
    [InlineData("/_blazor/negotiate", false)]
    [InlineData("/", true)]
    [InlineData("/battle/ABCDEF", true)]
    public async Task Hub_requests_run_without_the_request_activity_and_others_keep_it(string path, bool kept)
    {
        var app = new ApplicationBuilder(new EmptyServices());
        Activity? seen = null;
        app.UseHubWithoutRequestActivity();
        app.Run(_ =>
        {
            seen = Activity.Current;
            return Task.CompletedTask;
        });
        var pipeline = app.Build();
        using var request = new Activity("request").Start();
        var context = new DefaultHttpContext();
        context.Request.Path = path;

        await pipeline(context);

        Assert.Equal(kept ? request : null, seen);
        Assert.Same(request, Activity.Current);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
