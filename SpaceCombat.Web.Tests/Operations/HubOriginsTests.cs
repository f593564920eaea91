using Microsoft.AspNetCore.Http;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class HubOriginsTests
{
    private static HubOrigins Create(params string[] allowed) => new(OperationsTestOptions.Create(o => o.AllowedOrigins = allowed));

    [Theory]
    [InlineData("http://127.0.0.1:5000", "127.0.0.1:5000", true)]
    [InlineData("https://space.example.com", "space.example.com", true)]
    [InlineData("https://SPACE.example.com", "space.example.com:443", true)]
    [InlineData("https://space.example.com", "space.example.com:80", false)]
    [InlineData("http://[::1]:5000", "[::1]:5000", true)]
    [InlineData("http://evil.example", "127.0.0.1:5000", false)]
    [InlineData("http://127.0.0.1:5001", "127.0.0.1:5000", false)]
    [InlineData("null", "127.0.0.1:5000", false)]
    [InlineData("http://127.0.0.1:5000/path", "127.0.0.1:5000", false)]
    [InlineData("not an origin", "127.0.0.1:5000", false)]
    public void Without_configured_origins_only_the_requests_own_host_is_allowed(string origin, string host, bool allowed) =>
        Assert.Equal(allowed, Create().IsAllowed(origin, new HostString(host)));

    [Theory]
    [InlineData("https://space.example.com", true)]
    [InlineData("https://space.example.com:443", true)]
    [InlineData("http://space.example.com", false)]
    [InlineData("https://play.example.com:8443", true)]
    [InlineData("https://play.example.com", false)]
    // A DNS-rebinding page shares the request's host; with configured origins it is refused.
    [InlineData("http://rebind.example:5000", false)]
    public void Configured_origins_are_the_only_ones_allowed_whatever_the_request_host(string origin, bool allowed) =>
        Assert.Equal(allowed, Create("https://space.example.com", "https://play.example.com:8443").IsAllowed(origin, new HostString("rebind.example:5000")));
}
