using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>Drives the battle pages through the automation contract of the README (button names and data-testid).</summary>
public sealed partial class BattlePage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator TurnIndicator => Page.GetByTestId("turn-indicator");
    public ILocator Result => Page.GetByTestId("battle-result");
    public ILocator OwnHull => Page.GetByTestId("own-hull");
    public ILocator EnemyHull => Page.GetByTestId("enemy-hull");
    public ILocator RangeBand => Page.GetByTestId("range-band");
    public ILocator Round => Page.GetByTestId("round");
    public ILocator CombatLog => Page.GetByTestId("combat-log");
    public ILocator Hud => Page.Locator(".sc-hud");

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Opens a set-up link, waits for the circuit, presses Start Battle and waits for the battle page.</summary>
    public async Task StartAsync(string setupPath)
    {
        await Page.GotoAsync(setupPath);
        await Expect(Page.Locator("[data-interactive='true']")).ToBeAttachedAsync();
        await Button("Start Battle").ClickAsync();
        // Blazor navigates inside the page (no load event), so poll the address instead of waiting for a navigation.
        await Expect(Page).ToHaveURLAsync(BattleUrl());
        await Expect(Hud.Or(Page.GetByTestId("invite-link"))).ToBeVisibleAsync();
    }

    public string BattleId => BattleUrl().Match(Page.Url).Groups["id"].Value;

    /// <summary>Waits until the viewer may act (returns true) or the battle is over (returns false).</summary>
    public async Task<bool> WaitForMyTurnOrResultAsync()
    {
        await Page.WaitForFunctionAsync(
            "() => document.querySelector('[data-testid=battle-result]') || (document.querySelector('[data-testid=turn-indicator]')?.textContent ?? '').includes('Your turn')");
        return !await Result.IsVisibleAsync();
    }

    /// <summary>Uses every enabled weapon button, then ends the turn and waits until the turn has passed.</summary>
    public async Task PlayTurnAsync(bool attack = true)
    {
        var turn = await Hud.GetAttributeAsync("data-turn");
        if (attack)
        {
            foreach (var name in new[] { "Fire", "Launch Missile" })
            {
                var buttons = Button(name);
                for (var i = 0; i < await buttons.CountAsync(); i++)
                {
                    if (await Result.IsVisibleAsync())
                    {
                        return;
                    }
                    if (await buttons.Nth(i).IsEnabledAsync())
                    {
                        await buttons.Nth(i).ClickAsync();
                        // The shot is done when its button disables, or when it ended the battle and the controls went away.
                        await Page.WaitForFunctionAsync(
                            "([name, index]) => document.querySelector('[data-testid=battle-result]') || [...document.querySelectorAll('button')].filter(b => b.textContent.trim() === name)[index]?.disabled",
                            new object[] { name, i });
                    }
                }
            }
        }
        if (await Result.IsVisibleAsync())
        {
            return;
        }
        await Button("End Turn").ClickAsync();
        await Page.WaitForFunctionAsync(
            "turn => document.querySelector('[data-testid=battle-result]') || document.querySelector('.sc-hud')?.dataset.turn !== turn", turn);
    }

    /// <summary>Plays the viewer's turns until the result panel shows.</summary>
    public async Task PlayToResultAsync(int maxTurns = 80)
    {
        for (var turn = 0; turn < maxTurns; turn++)
        {
            if (!await WaitForMyTurnOrResultAsync())
            {
                return;
            }
            await PlayTurnAsync();
        }
        throw new InvalidOperationException($"No result after {maxTurns} turns.");
    }

    [GeneratedRegex(@"/battle/(?<id>[A-Z0-9]+)$")]
    private static partial Regex BattleUrl();
}
