using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SpaceCombat.E2E.Tests;

public sealed class SpaceCombatAppFactoryTests
{
    [Fact]
    public async Task Serves_the_home_page_on_a_loopback_port_with_configuration_overrides()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>
        {
            ["SpaceCombat:TestProbe"] = "from-test",
            // appsettings.json says Warning: the override must win.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        });

        Assert.Equal("127.0.0.1", app.BaseUrl.Host);
        Assert.NotEqual(0, app.BaseUrl.Port);

        var configuration = app.Services.GetRequiredService<IConfiguration>();
        Assert.Equal("from-test", configuration["SpaceCombat:TestProbe"]);
        Assert.Equal("Error", configuration["Logging:LogLevel:Microsoft.AspNetCore"]);

        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        var html = await client.GetStringAsync("/");
        Assert.Contains("data-interactive=\"false\"", html);
    }
}
