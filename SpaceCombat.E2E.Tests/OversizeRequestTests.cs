using System.Net;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Oversize requests against the real Kestrel server (which refuses them with an empty body before the app runs
/// unless its limits leave room): a readable 414 and 431 page, with the security headers.
/// </summary>
public sealed class OversizeRequestTests : IAsyncLifetime
{
    private SpaceCombatAppFactory app = null!;

    public Task InitializeAsync()
    {
        app = BrowserFixture.StartApp(new Dictionary<string, string?>());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_url_over_the_limit_gets_a_readable_414_page()
    {
        using var client = new HttpClient { BaseAddress = app.BaseUrl };

        using var response = await client.GetAsync("/join/ABCDEF?ship=" + new string('a', 20_000));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Address too long</h1>", body);
        Assert.Contains("<a href=\"/\">Back to the lobby</a>", body);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Headers_over_the_limit_get_a_readable_431_page()
    {
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "big=" + new string('c', 40_000));

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Contains("<h1>Request headers too large</h1>", body);
    }

    [Fact]
    public async Task The_security_headers_are_on_a_page_and_on_health()
    {
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        foreach (var path in new[] { "/", "/health" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(SecurityHeaders.ContentTypeOptions, string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(SecurityHeaders.ReferrerPolicy, string.Join(",", response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        }
    }
}
