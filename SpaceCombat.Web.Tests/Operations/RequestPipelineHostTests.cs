using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>The security headers and the oversize-request pages in the real application host (in-memory server).</summary>
[Collection(ApplicationHostCollection.Name)]
public sealed class RequestPipelineHostTests : IDisposable
{
    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "spacecombat-tests", Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<SpaceCombatOptions> _factory;

    public RequestPipelineHostTests()
    {
        _factory = new WebApplicationFactory<SpaceCombatOptions>().WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SpaceCombat:LogDirectory"] = _logDirectory,
                ["SpaceCombat:Storage"] = "Memory",
            })));
    }

    public void Dispose()
    {
        _factory.Dispose();
        if (Directory.Exists(_logDirectory))
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("frame-ancestors 'self'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task A_too_long_address_gets_a_readable_414_page()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/join/ABC?ship=" + new string('a', OversizeRequestGuard.MaxRequestLineBytes));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Address too long</h1>", body);
        Assert.DoesNotContain("aaaa", body);
    }

    [Fact]
    public async Task Too_large_headers_get_a_readable_431_page()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "big=" + new string('c', OversizeRequestGuard.MaxHeadersBytes));

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Contains("<h1>Request headers too large</h1>", body);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Requests_just_under_the_limits_are_served()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health?pad=" + new string('a', OversizeRequestGuard.MaxRequestLineBytes - 100));
        request.Headers.Add("Cookie", "big=" + new string('c', OversizeRequestGuard.MaxHeadersBytes - 1000));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
