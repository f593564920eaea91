using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// The real SpaceCombat.Web app served by Kestrel on a free loopback port, so a real browser can reach it.
/// Extra configuration (e.g. "SpaceCombat:TurnTimer") can be passed in; it overrides appsettings.
/// </summary>
public sealed class SpaceCombatAppFactory : WebApplicationFactory<Program>
{
    // Keeps test output readable; a test can still turn logging up through its own settings.
    private static readonly Dictionary<string, string?> DefaultSettings = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        // Every test's browser and headless client comes from loopback: one client to the per-client limits, which
        // tests of those limits set back themselves.
        ["SpaceCombat:CircuitsPerClient"] = "100000",
        ["SpaceCombat:BattlesPerClientPerMinute"] = "100000",
        ["SpaceCombat:CodeLookupsPerClientPerMinute"] = "100000",
        // No practice battles before ready: ServerWarmUpTests turn them on.
        ["SpaceCombat:WarmUpBattles"] = "0",
        ["SpaceCombat:WarmUpPageVisits"] = "0",
        // Several apps run in one test process: each keeps its battles to itself.
        ["SpaceCombat:Storage"] = "Memory",
    };

    private readonly Dictionary<string, string?> settings;

    public SpaceCombatAppFactory(IReadOnlyDictionary<string, string?>? settings = null)
    {
        this.settings = new Dictionary<string, string?>(DefaultSettings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
        UseKestrel(0);
    }

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/. Starts the server on first use.</summary>
    public Uri BaseUrl
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Static web assets (MudBlazor's css/js, app.css) are served from the build output only in Development.
        builder.UseEnvironment(Environments.Development);

        // UseSetting makes the values visible to Program.cs before Build(); the in-memory source added last
        // makes them win over appsettings*.json once the app is built.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
    }
}
