using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.CircuitClient;
using SpaceCombat.Web.Operations.WarmUp;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// The start-up warm-up on the real Kestrel server: practice battles and page visits through the server's own pages,
/// /ready answering 503 until they have ended, and never longer than the warm-up's time limit.
/// </summary>
public sealed class ServerWarmUpTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_server_plays_its_practice_battles_through_its_own_pages_before_it_reports_ready()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>
        {
            ["SpaceCombat:WarmUpBattles"] = "2",
            ["SpaceCombat:WarmUpPageVisits"] = "4",
            // A client may create two battles a minute: the warm-up's two are its own client's, not loopback's.
            ["SpaceCombat:CircuitsPerClient"] = "20",
            ["SpaceCombat:BattlesPerClientPerMinute"] = "2",
            ["SpaceCombat:CodeLookupsPerClientPerMinute"] = "20",
        });
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        var readiness = app.Services.GetRequiredService<WarmUpReadiness>();

        // A practice battle takes several clicks of 600 ms each: it cannot have ended yet.
        using var warming = await client.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, warming.StatusCode);
        Assert.Equal("Degraded", await warming.Content.ReadAsStringAsync());
        using var live = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var outcome = await readiness.WhenEnded.WaitAsync(Patience);

        Assert.Matches(@"^2 of 2 practice battles and 4 of 4 pages in \d+\.\d s$", outcome);
        using var ready = await client.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // The practice battles used up the warm-up's own allowance, not loopback's: a local player may still start one.
        await using var player = new HostileClient(app.BaseUrl);
        var page = await player.OpenAsync("new?opponent=ai&ship=scout&enemyShip=free_trader&range=Short");
        await HostileClient.ClickAsync(page, "Start Battle");
        await HostileClient.WaitAsync(page, t => t.ByClass("sc-hud") is not null, "the battle page after Start Battle");
    }

    [Fact]
    public async Task A_warm_up_that_outlasts_its_time_limit_is_cut_short_and_the_server_reports_ready()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>
        {
            ["SpaceCombat:WarmUpBattles"] = "2",
            ["SpaceCombat:WarmUpPageVisits"] = "0",
            ["SpaceCombat:WarmUpTimeLimit"] = "00:00:01",
        });
        using var client = new HttpClient { BaseAddress = app.BaseUrl };

        var outcome = await app.Services.GetRequiredService<WarmUpReadiness>().WhenEnded.WaitAsync(Patience);

        Assert.StartsWith("cut short by its time limit: 0 of 2 practice battles", outcome, StringComparison.Ordinal);
        using var ready = await client.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Without_practice_battles_or_pages_the_server_is_ready_at_once()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>());

        Assert.Equal("off", await app.Services.GetRequiredService<WarmUpReadiness>().WhenEnded.WaitAsync(Patience));
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        using var ready = await client.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
