using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>A PvP battle played in two browser contexts: opened, joined, and played turn by turn (each page waits for the other's move).</summary>
internal static class PvpPlay
{
    /// <summary>The creator (a patrol corvette) opens a PvP battle; the joiner (a free trader) takes the other seat.</summary>
    public static async Task<(BattlePage Creator, BattlePage Joiner)> StartAsync(BrowserSession creatorSession, BrowserSession joinerSession)
    {
        var creator = new BattlePage(creatorSession.Page);
        await creator.StartAsync("/new?opponent=person&ship=patrol_corvette&range=Short");
        var inviteLink = (await creator.Page.GetByTestId("invite-link").TextContentAsync())!.Trim();
        var joiner = new BattlePage(joinerSession.Page);
        await joinerSession.GotoAndWaitInteractiveAsync(new Uri(inviteLink).PathAndQuery + "?ship=free_trader");
        await joiner.Button("Join Battle").ClickAsync();
        await Expect(joiner.OwnHull).ToHaveTextAsync("80 / 80");
        await Expect(creator.EnemyHull).ToHaveTextAsync("80 / 80");
        return (creator, joiner);
    }

    /// <summary>
    /// Whoever's turn follows <paramref name="lastPlayed"/> plays it (each ship fires everything when told to, else
    /// only ends its turn); returns that turn's number, or null once the battle is over. The creator's page says whose
    /// turn it is; the joiner's page is waited on until it shows the same turn.
    /// </summary>
    public static async Task<string?> PlayOneTurnAsync(BattlePage creator, BattlePage joiner, string? lastPlayed, bool creatorFires = true, bool joinerFires = false)
    {
        await creator.Page.WaitForFunctionAsync(
            "last => document.querySelector('[data-testid=battle-result]') || ((t => t && t !== last)(document.querySelector('.sc-hud')?.dataset.turn))", lastPlayed);
        if (await creator.Result.IsVisibleAsync())
        {
            return null;
        }
        var turn = (await creator.Hud.GetAttributeAsync("data-turn"))!;
        if ((await creator.TurnIndicator.TextContentAsync())?.Contains("Your turn", StringComparison.Ordinal) == true)
        {
            await creator.PlayTurnAsync(attack: creatorFires);
            return turn;
        }
        await joiner.Page.WaitForFunctionAsync(
            "turn => document.querySelector('[data-testid=battle-result]') || document.querySelector('.sc-hud')?.dataset.turn === turn", turn);
        if (await joiner.Result.IsVisibleAsync())
        {
            return null;
        }
        await Expect(joiner.TurnIndicator).ToContainTextAsync("Your turn");
        await joiner.PlayTurnAsync(attack: joinerFires);
        return turn;
    }

    public static async Task PlayToTheEndAsync(BattlePage creator, BattlePage joiner)
    {
        string? played = null;
        for (var turn = 0; turn < 200; turn++)
        {
            played = await PlayOneTurnAsync(creator, joiner, played);
            if (played is null)
            {
                return;
            }
        }
        Assert.Fail("No result after 200 turns.");
    }
}
