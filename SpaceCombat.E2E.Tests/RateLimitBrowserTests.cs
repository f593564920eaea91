using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// The rate limit in a real browser, on an app with the default settings (2 actions per 1 s, 6 more waiting): a flood
/// of clicks past the queue is refused with the message, and the battle can still be played to its result.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RateLimitBrowserTests(BrowserFixture browser)
{
    private const string RateLimitMessage = "Rate limit exceeded. Please slow down.";

    // A refused action is retried once its effect has not shown within this time (longer than the 1 s window).
    private const float RetryAfterMs = 1_500;

    [Fact]
    public async Task Thirty_clicks_at_once_show_the_rate_limit_message_and_the_battle_still_finishes()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>());
        await using var session = await browser.NewSessionAsync(app.BaseUrl);
        var page = session.Page;
        var battle = new BattlePage(page);
        await battle.StartAsync("/new?opponent=ai&ship=patrol_corvette&enemyShip=free_trader&range=Short");
        Assert.True(await battle.WaitForMyTurnOrResultAsync());

        // Thirty clicks over the corvette's weapons (two laser turrets, two missile turrets) in one go, before any
        // re-render disables them: 2 run, 6 wait in the queue, the other 22 are refused.
        var clicked = await page.EvaluateAsync<int>(
            """
            () => {
                const buttons = [...document.querySelectorAll('.sc-turret-actions button')]
                    .filter(b => !b.disabled && (b.textContent.trim() === 'Fire' || b.textContent.trim() === 'Launch Missile'));
                for (let i = 0; i < 30 && buttons.length > 0; i++) { buttons[i % buttons.length].click(); }
                return buttons.length;
            }
            """);
        Assert.True(clicked >= 3, $"Only {clicked} weapon buttons were enabled.");

        await Expect(page.GetByText(RateLimitMessage).First).ToBeVisibleAsync();
        await session.ScreenshotAsync("rate-limited.png");

        // The turn is not stalled: within the limit the player plays on to the result.
        await PlayToResultWithinLimitAsync(battle);

        await Expect(battle.Result).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Victory|Defeat|Draw)$"));
    }

    private static async Task PlayToResultWithinLimitAsync(BattlePage battle, int maxTurns = 80)
    {
        for (var turn = 0; turn < maxTurns; turn++)
        {
            if (!await battle.WaitForMyTurnOrResultAsync())
            {
                return;
            }
            var hudTurn = await battle.Hud.GetAttributeAsync("data-turn");
            foreach (var name in new[] { "Fire", "Launch Missile" })
            {
                var buttons = battle.Button(name);
                for (var i = 0; i < await buttons.CountAsync(); i++)
                {
                    if (await battle.Result.IsVisibleAsync())
                    {
                        return;
                    }
                    // A disabled button (a turret that cannot act) is passed over at once.
                    var button = buttons.Nth(i);
                    await ActWithinLimitAsync(battle, button, () => Expect(button).ToBeDisabledAsync(new() { Timeout = RetryAfterMs }));
                }
            }
            if (await battle.Result.IsVisibleAsync())
            {
                return;
            }
            await ActWithinLimitAsync(
                battle,
                battle.Button("End Turn"),
                () => battle.Page.WaitForFunctionAsync(
                    "turn => document.querySelector('[data-testid=battle-result]') || document.querySelector('.sc-hud')?.dataset.turn !== turn",
                    hudTurn, new() { Timeout = RetryAfterMs }));
        }
        throw new InvalidOperationException($"No result after {maxTurns} turns.");
    }

    /// <summary>Clicks, and clicks again if the effect does not show (the action was refused by the limiter).</summary>
    private static async Task ActWithinLimitAsync(BattlePage battle, ILocator button, Func<Task> effect, int attempts = 10)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The previous click may have ended the battle: the controls are gone.
                if (await battle.Result.IsVisibleAsync() || await button.CountAsync() == 0)
                {
                    return;
                }
                // A slow re-render may have applied the previous click after all: then the button is disabled.
                if (await button.IsEnabledAsync(new() { Timeout = RetryAfterMs }))
                {
                    await button.ClickAsync(new() { Timeout = RetryAfterMs });
                }
                await effect();
                return;
            }
            // Expect(...) throws PlaywrightException; clicks and WaitForFunctionAsync throw System.TimeoutException.
            catch (Exception exception) when (exception is PlaywrightException or System.TimeoutException && attempt < attempts)
            {
                // Refused (or not yet rendered): by now the window has passed, so the retry is within the limit.
            }
        }
    }
}
