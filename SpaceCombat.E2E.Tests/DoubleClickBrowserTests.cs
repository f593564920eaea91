using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>Double-clicking End Turn against the AI (which answers at once) ends exactly one turn.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DoubleClickBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Double_clicking_End_Turn_against_the_AI_ends_exactly_one_turn()
    {
        var battle = new BattlePage(Page);
        await battle.StartAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Distant");
        Assert.True(await battle.WaitForMyTurnOrResultAsync());
        var turn = int.Parse((await battle.Hud.GetAttributeAsync("data-turn"))!, System.Globalization.CultureInfo.InvariantCulture);

        await battle.Button("End Turn").DblClickAsync();

        // The AI's turn passes at once and the player's next turn comes up...
        await Expect(battle.Hud).ToHaveAttributeAsync("data-turn", (turn + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(battle.TurnIndicator).ToContainTextAsync("Your turn");
        // ... and stays: the second click did not end it (given time to arrive and act, were it sent).
        await Page.WaitForTimeoutAsync(1_500);
        Assert.Equal((turn + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), await battle.Hud.GetAttributeAsync("data-turn"));
        await Expect(battle.Button("End Turn")).ToBeEnabledAsync();
        await ScreenshotAsync("double-click-end-turn.png");
    }
}
