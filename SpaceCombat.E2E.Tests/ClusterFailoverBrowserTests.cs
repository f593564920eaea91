using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Three nodes behind the gateway (<c>./cluster.sh up 3</c>): two players whose circuits are on different nodes play a
/// PvP battle; the node holding one player's circuit is killed (SIGKILL); that player's page comes back by itself
/// (through the gateway, on a live node) to the same seat, and the battle is played to Victory and Defeat.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ClusterFailoverBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    // Death declared (a few missed probes), the gateway's probes, the page's reconnect back-off and reload.
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(60);

    private const string MarkPage = "() => { window.__beforeKill = true; }";
    private const string PageReloaded = "() => window.__beforeKill === undefined";

    /// <summary>The node the gateway sends this page's requests (and so its circuit) to.</summary>
    private static Task<string> NodeOfAsync(IPage page) =>
        page.EvaluateAsync<string>("async () => (await fetch('/health', { cache: 'no-store' })).headers.get('X-SpaceCombat-Node')");

    [Fact]
    public async Task A_player_whose_node_is_killed_comes_back_by_itself_to_the_same_seat_and_the_battle_finishes()
    {
        // No turn may run out while a node is down; the players click faster than the default rate limit.
        var cluster = new ClusterScript(new Dictionary<string, string>(NoWarmUp.Settings)
        {
            ["SpaceCombat__TurnTimer"] = "00:10:00",
            ["SpaceCombat__RateLimitMaxActions"] = "100",
        });
        var sessions = new List<BrowserSession>();
        try
        {
            var gateway = await cluster.UpAsync(3);
            var creatorSession = await browser.NewSessionAsync(gateway);
            sessions.Add(creatorSession);
            await creatorSession.GotoAndWaitInteractiveAsync("/");
            var creatorNode = await NodeOfAsync(creatorSession.Page);

            // The gateway gives a new player the node with the fewest open requests (circuits): another node.
            BrowserSession? joinerSession = null;
            string? joinerNode = null;
            for (var attempt = 0; attempt < 5 && joinerSession is null; attempt++)
            {
                var candidate = await browser.NewSessionAsync(gateway);
                sessions.Add(candidate);
                await candidate.GotoAndWaitInteractiveAsync("/");
                var node = await NodeOfAsync(candidate.Page);
                if (node != creatorNode)
                {
                    (joinerSession, joinerNode) = (candidate, node);
                }
            }
            Assert.True(joinerSession is not null, $"Every new player was sent to {creatorNode}, the creator's node.\n{cluster.Log}");
            output.WriteLine($"Creator on {creatorNode}, joiner on {joinerNode}.");

            var (creator, joiner) = await PvpPlay.StartAsync(creatorSession, joinerSession!);
            var battleUrl = creator.Page.Url;
            // A part of the battle: each page waits until it shows the other's move before playing its own.
            string? played = null;
            for (var turn = 0; turn < 4 || (await creator.TurnIndicator.TextContentAsync())?.Contains("Your turn", StringComparison.Ordinal) != true; turn++)
            {
                played = await PvpPlay.PlayOneTurnAsync(creator, joiner, played, creatorFires: false, joinerFires: true);
                Assert.NotNull(played);
            }
            await Expect(creator.CombatLog).ToContainTextAsync("Free Trader");
            var round = (await creator.Round.TextContentAsync())!;
            var hull = (await creator.OwnHull.TextContentAsync())!;
            Assert.Equal(creatorNode, await NodeOfAsync(creator.Page));

            await creator.Page.EvaluateAsync(MarkPage);
            await cluster.KillAsync(int.Parse(NodeNumber().Match(creatorNode).Value, System.Globalization.CultureInfo.InvariantCulture));
            var killed = Stopwatch.StartNew();

            await creator.Page.WaitForFunctionAsync(PageReloaded, null, new PageWaitForFunctionOptions { Timeout = (float)BackWithin.TotalMilliseconds });
            await Expect(creator.Page).ToHaveURLAsync(battleUrl);
            await Expect(creator.Hud).ToBeVisibleAsync();
            await Expect(creator.Page.GetByTestId("seat-unreadable")).ToHaveCountAsync(0);
            await Expect(creator.Page.GetByTestId("spectator-badge")).ToHaveCountAsync(0);
            await Expect(creator.Round).ToHaveTextAsync(round);
            await Expect(creator.OwnHull).ToHaveTextAsync(hull);
            await Expect(creator.TurnIndicator).ToContainTextAsync("Your turn");
            output.WriteLine($"The creator's page was back in its seat {killed.Elapsed.TotalSeconds:0.0} s after the kill.");
            var newNode = await NodeOfAsync(creator.Page);
            Assert.NotEqual(creatorNode, newNode);
            output.WriteLine($"Creator now on {newNode}.");

            await PvpPlay.PlayToTheEndAsync(creator, joiner);
            await Expect(creator.Result).ToHaveTextAsync(new Regex("^(Victory|Defeat)$"));
            await Expect(joiner.Result).ToHaveTextAsync((await creator.Result.TextContentAsync()) == "Victory" ? "Defeat" : "Victory");
            output.WriteLine(await cluster.StatusAsync());
        }
        catch
        {
            output.WriteLine(cluster.Log.ToString());
            throw;
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
            await cluster.DownAsync();
        }
    }

    [GeneratedRegex("[0-9]+$")]
    private static partial Regex NodeNumber();
}
