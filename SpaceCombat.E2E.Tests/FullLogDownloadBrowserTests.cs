using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// The result panel's JSON Lines download is the whole battle, from its first roll, even when the live view keeps
/// only the last round (CombatHistoryLimit 1).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FullLogDownloadBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_downloaded_full_log_holds_every_round_past_the_history_limit()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>
        {
            ["SpaceCombat:CombatHistoryLimit"] = "1",
            ["SpaceCombat:RateLimitMaxActions"] = "100",
        });
        await using var session = await browser.NewSessionAsync(app.BaseUrl);
        var battle = new BattlePage(session.Page);
        await battle.StartAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Distant");
        for (var turn = 0; turn < 3 && await battle.WaitForMyTurnOrResultAsync(); turn++)
        {
            await battle.PlayTurnAsync(attack: false);
        }
        if (!await battle.Result.IsVisibleAsync())
        {
            await battle.Button("Surrender").ClickAsync();
            await battle.Button("Yes, surrender").ClickAsync();
        }
        await Expect(battle.Result).ToBeVisibleAsync();

        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.GetByTestId("download-log-jsonl").ClickAsync());

        Assert.Equal($"spacecombat-{battle.BattleId}.jsonl", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("battle_started", lines[0].GetProperty("type").GetString());
        Assert.Equal("battle_ended", lines[^1].GetProperty("type").GetString());
        var rounds = lines.Select(line => line.GetProperty("round").GetInt32()).Distinct().Order().ToList();
        Assert.True(rounds[^1] >= 3, $"the battle ended in round {rounds[^1]}: too early to pass the history limit");
        Assert.Equal(Enumerable.Range(0, rounds[^1] + 1), rounds);
    }
}
