using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using SpaceCombat.LoadTest.Server;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// The real server process is killed (SIGKILL: a crash, no notice) and started again on the same port and content
/// root: open pages keep trying to rejoin while it is down and, once it answers, reload by themselves (its circuits
/// are gone) into the same page, within 15 s and without a click.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RestartReconnectBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly TimeSpan ReloadWithin = TimeSpan.FromSeconds(15);

    // A mark that only the page loaded before the crash carries: a reload clears it.
    private const string MarkPage = "() => { window.__beforeRestart = true; }";
    private const string PageReloaded = "() => window.__beforeRestart === undefined";

    /// <summary>
    /// Marks the pages, does <paramref name="lastAction"/>, kills the server, waits until each page shows it is
    /// rejoining and <paramref name="whileDown"/> has finished, starts the server again; returns it.
    /// </summary>
    private static async Task<ServerProcess> CrashAndRestartAsync(
        ServerProcess server, IReadOnlyList<IPage> pages, TextWriter log, Func<Task>? lastAction = null, Func<Task>? whileDown = null)
    {
        foreach (var page in pages)
        {
            await page.EvaluateAsync(MarkPage);
        }
        if (lastAction is not null)
        {
            await lastAction();
        }
        await server.KillAsync();
        foreach (var page in pages)
        {
            await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        }
        if (whileDown is not null)
        {
            await whileDown();
        }
        var restarted = await server.StartAgainAsync(log);
        await server.DisposeAsync();
        return restarted;
    }

    private async Task ExpectReloadedSinceAsync(IPage page, Stopwatch answering, string name, TextWriter log)
    {
        var left = ReloadWithin - answering.Elapsed;
        Assert.True(left > TimeSpan.Zero, $"{name}: 15 s had passed before the check began.\n{log}");
        await page.WaitForFunctionAsync(PageReloaded, null, new PageWaitForFunctionOptions { Timeout = (float)left.TotalMilliseconds });
        Assert.True(answering.Elapsed < ReloadWithin, $"{name} reloaded {answering.Elapsed.TotalSeconds:0.0} s after the server answered.\n{log}");
        output.WriteLine($"{name} reloaded by itself within {answering.Elapsed.TotalSeconds:0.0} s of the server answering.");
    }

    [Fact]
    public async Task After_a_crash_and_restart_an_open_rules_page_reloads_by_itself_and_is_interactive_again()
    {
        var log = new StringWriter();
        var server = await ServerProcess.StartAsync(null, NoWarmUp.Environment, log);
        await using var session = await browser.NewSessionAsync(server.BaseUri);
        try
        {
            await session.GotoAndWaitInteractiveAsync("/rules");

            server = await CrashAndRestartAsync(server, [session.Page], log);
            var answering = Stopwatch.StartNew();

            await ExpectReloadedSinceAsync(session.Page, answering, "The rules page", log);
            await Expect(session.Page).ToHaveURLAsync(new Uri(server.BaseUri, "rules").ToString());
            await Expect(session.Page.Locator("[data-interactive='true']")).ToBeAttachedAsync();
            // A link followed by the new circuit's router: the page is live again, not a picture of it.
            await session.Page.Locator("nav.sc-nav").GetByRole(AriaRole.Link, new() { Name = "Ships", Exact = true }).ClickAsync();
            await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ships");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// A PvP battle half played in two contexts plus a spectator survives a crash: all three pages come back by
    /// themselves to the same battle, the players in their seats (no unreadable-seat message) at the same round and
    /// hull, the spectator watching it again; then the battle is played on to Victory and Defeat.
    /// </summary>
    [Fact]
    public async Task After_a_crash_and_restart_open_battle_pages_reload_by_themselves_to_the_same_battle()
    {
        var log = new StringWriter();
        // A turn timer longer than the test: no turn may run out while the server is down.
        var server = await ServerProcess.StartAsync(null, [.. NoWarmUp.Environment, "SpaceCombat__TurnTimer=00:10:00"], log);
        await using var creatorSession = await browser.NewSessionAsync(server.BaseUri);
        await using var joinerSession = await browser.NewSessionAsync(server.BaseUri);
        await using var spectatorSession = await browser.NewSessionAsync(server.BaseUri);
        try
        {
            var (creator, joiner) = await PvpPlay.StartAsync(creatorSession, joinerSession);
            var battleUrl = creator.Page.Url;
            await spectatorSession.GotoAndWaitInteractiveAsync(new Uri(battleUrl).PathAndQuery);
            var watched = new BattlePage(spectatorSession.Page);
            await Expect(watched.Hud).ToBeVisibleAsync();
            // A part of the battle before the crash: the free trader fires (it cannot sink the corvette), the corvette
            // holds its fire (a volley or two would end the battle), until it is the corvette's turn after two rounds.
            string? played = null;
            for (var turn = 0; turn < 4 || (await creator.TurnIndicator.TextContentAsync())?.Contains("Your turn", StringComparison.Ordinal) != true; turn++)
            {
                played = await PvpPlay.PlayOneTurnAsync(creator, joiner, played, creatorFires: false, joinerFires: true);
                Assert.NotNull(played);
            }
            var before = new Dictionary<BattlePage, (string Round, string Hull)>();
            foreach (var seat in new[] { creator, joiner })
            {
                before[seat] = ((await seat.Round.TextContentAsync())!, (await seat.OwnHull.TextContentAsync())!);
            }

            server = await CrashAndRestartAsync(server, [creator.Page, joiner.Page, watched.Page], log);
            var answering = Stopwatch.StartNew();

            await ExpectReloadedSinceAsync(creator.Page, answering, "The creator's battle page", log);
            await ExpectReloadedSinceAsync(joiner.Page, answering, "The joiner's battle page", log);
            await ExpectReloadedSinceAsync(watched.Page, answering, "The spectator's battle page", log);
            foreach (var page in new[] { creator, joiner, watched })
            {
                await Expect(page.Page).ToHaveURLAsync(battleUrl);
                await Expect(page.Hud).ToBeVisibleAsync();
                await Expect(page.Page.GetByTestId("battle-missing")).ToHaveCountAsync(0);
            }
            foreach (var seat in new[] { creator, joiner })
            {
                await Expect(seat.Page.GetByTestId("seat-unreadable")).ToHaveCountAsync(0);
                await Expect(seat.Page.GetByTestId("spectator-badge")).ToHaveCountAsync(0);
                await Expect(seat.Round).ToHaveTextAsync(before[seat].Round);
                await Expect(seat.OwnHull).ToHaveTextAsync(before[seat].Hull);
            }
            await Expect(creator.TurnIndicator).ToContainTextAsync("Your turn");
            await Expect(watched.Page.GetByTestId("spectator-badge")).ToBeVisibleAsync();
            await Expect(watched.Round).ToHaveTextAsync(before[creator].Round);

            await PvpPlay.PlayToTheEndAsync(creator, joiner);
            await Expect(creator.Result).ToHaveTextAsync("Victory");
            await Expect(joiner.Result).ToHaveTextAsync("Defeat");
            await Expect(watched.Result).ToBeVisibleAsync();
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// An AI battle killed as the player ends a turn (the AI's turn, played at once on the server) comes back by
    /// itself with the player in the seat and is played on to its end.
    /// </summary>
    [Fact]
    public async Task An_AI_battle_killed_in_the_AIs_turn_comes_back_and_is_played_to_the_end()
    {
        var log = new StringWriter();
        var server = await ServerProcess.StartAsync(null, [.. NoWarmUp.Environment, "SpaceCombat__TurnTimer=00:10:00"], log);
        await using var session = await browser.NewSessionAsync(server.BaseUri);
        try
        {
            var battle = new BattlePage(session.Page);
            await battle.StartAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Long");
            Assert.True(await battle.WaitForMyTurnOrResultAsync());
            await battle.PlayTurnAsync();
            Assert.True(await battle.WaitForMyTurnOrResultAsync());
            var battleUrl = session.Page.Url;
            var loggedBefore = await battle.CombatLog.InnerTextAsync();

            server = await CrashAndRestartAsync(server, [session.Page], log, lastAction: () => battle.Button("End Turn").ClickAsync());
            var answering = Stopwatch.StartNew();

            await ExpectReloadedSinceAsync(session.Page, answering, "The player's battle page", log);
            await Expect(session.Page).ToHaveURLAsync(battleUrl);
            await Expect(battle.Hud).ToBeVisibleAsync();
            await Expect(session.Page.GetByTestId("seat-unreadable")).ToHaveCountAsync(0);
            await Expect(session.Page.GetByTestId("spectator-badge")).ToHaveCountAsync(0);
            // The AI finished its turn (or it had, before the kill): the turn is the player's again.
            Assert.True(await battle.WaitForMyTurnOrResultAsync());
            // Nothing the player saw before the crash was lost (the log keeps many more rounds than were played).
            var loggedAfter = await battle.CombatLog.InnerTextAsync();
            Assert.All(loggedBefore.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                line => Assert.Contains(line, loggedAfter, StringComparison.Ordinal));

            await battle.PlayToResultAsync();
            await Expect(battle.Result).ToHaveTextAsync(new Regex("^(Victory|Defeat)$"));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// The turn deadline of a PvP battle passes while the server is down: when the battle comes back it is applied at
    /// once (the turn runs out and passes to the other seat), not a whole turn timer after the restart.
    /// </summary>
    [Fact]
    public async Task A_turn_deadline_that_passes_while_the_server_is_down_is_applied_when_the_battle_comes_back()
    {
        var turnTimer = TimeSpan.FromSeconds(25);
        var log = new StringWriter();
        var server = await ServerProcess.StartAsync(null, [.. NoWarmUp.Environment, $"SpaceCombat__TurnTimer={turnTimer:c}"], log);
        await using var creatorSession = await browser.NewSessionAsync(server.BaseUri);
        await using var joinerSession = await browser.NewSessionAsync(server.BaseUri);
        try
        {
            var (creator, joiner) = await PvpPlay.StartAsync(creatorSession, joinerSession);
            await creator.Page.WaitForFunctionAsync("() => document.querySelector('.sc-hud')?.dataset.turn");
            var turnBegan = Stopwatch.StartNew();
            var creatorActs = (await creator.TurnIndicator.TextContentAsync())?.Contains("Your turn", StringComparison.Ordinal) == true;
            var (acting, waiting) = creatorActs ? (creator, joiner) : (joiner, creator);
            await Expect(acting.TurnIndicator).ToContainTextAsync("Your turn");
            await Expect(waiting.CombatLog).Not.ToContainTextAsync("turn timer ran out");

            // The wait is the point of the test: the turn's deadline must pass while no server is running.
            server = await CrashAndRestartAsync(server, [creator.Page, joiner.Page], log,
                whileDown: () => Task.Delay(turnTimer + TimeSpan.FromSeconds(1) - turnBegan.Elapsed is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero));
            var answering = Stopwatch.StartNew();

            await ExpectReloadedSinceAsync(waiting.Page, answering, "The waiting player's battle page", log);
            await Expect(waiting.CombatLog).ToContainTextAsync("turn timer ran out");
            await Expect(waiting.TurnIndicator).ToContainTextAsync("Your turn");
            Assert.True(answering.Elapsed < turnTimer,
                $"The deadline was applied {answering.Elapsed.TotalSeconds:0.0} s after the server answered: a fresh timer, not the one that passed.\n{log}");
            output.WriteLine($"The missed deadline was applied within {answering.Elapsed.TotalSeconds:0.0} s of the server answering.");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
