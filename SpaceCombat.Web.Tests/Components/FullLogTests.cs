using Bunit;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>
/// The result panel's full log is the whole battle (loaded from its record once), not only the rounds the live view
/// keeps; without a record it is the live view's log and says that older rounds are gone.
/// </summary>
public sealed class FullLogTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Scout (side One, wins initiative) against a free trader: three rounds of ended turns, then side Two surrenders.</summary>
    private static (BattleView View, List<BattleEvent> Whole) ThreeRoundsThenSurrender()
    {
        var battle = Battle.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new ScriptedDice(6, 6, 1, 1));
        var whole = new List<BattleEvent>(battle.StartEvents);
        for (var round = 0; round < 3; round++)
        {
            whole.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
            whole.AddRange(battle.Execute(new EndTurn(Side.Two)).Events);
        }
        whole.AddRange(battle.Execute(new Surrender(Side.Two)).Events);
        // The live view keeps only the last round.
        var kept = whole.Where(e => e.Round == battle.Round).ToArray();
        var view = new BattleView("ABCDEF", OpponentKind.Person, BattlePhase.Over, "scout", "free_trader", RangeBand.Medium,
            battle.Snapshot, battle.Outcome, kept, null, true, true, null, Now, battle.Snapshot.Version);
        return (view, whole);
    }

    private IRenderedComponent<FullLog> RenderFullLog(BattleView view, Func<Task<IReadOnlyList<BattleEvent>?>>? loadFullLog)
    {
        var hud = new HudState { Now = Now, LoadFullLog = loadFullLog };
        hud.Show(view, Side.One);
        Func<Side, string> shipName = side => side == Side.One ? "Your Type-S Scout" : "Enemy Type-A Free Trader";
        return Render<FullLog>(p => p
            .Add(f => f.Hud, hud)
            .Add(f => f.ShipName, shipName));
    }

    private static string DownloadedText(BunitJSInterop js) =>
        (string)js.Invocations.Last(i => i.Identifier == "spaceCombat.download").Arguments[2]!;

    [Fact]
    public void The_full_log_shows_and_downloads_every_round_from_the_battles_record_loading_it_once()
    {
        var (view, whole) = ThreeRoundsThenSurrender();
        var loads = 0;
        var log = RenderFullLog(view, () =>
        {
            loads++;
            return Task.FromResult<IReadOnlyList<BattleEvent>?>(whole);
        });

        log.FindAll("button").Single(b => b.TextContent.Trim() == "Show the full log").Click();

        var lines = log.Find("[data-testid=full-log-lines]");
        Assert.Contains("Round 1", lines.TextContent);
        Assert.Contains("Initiative", lines.TextContent);
        Assert.Contains("surrenders", lines.TextContent);
        Assert.Empty(log.FindAll("[data-testid=full-log-kept]"));

        log.Find("[data-testid=download-log-text]").Click();
        Assert.Contains("\nRound 1\n", DownloadedText(JSInterop));
        log.Find("[data-testid=download-log-jsonl]").Click();
        Assert.Equal(whole.Count, DownloadedText(JSInterop).TrimEnd('\n').Split('\n').Length);
        Assert.Equal(1, loads);
    }

    [Fact]
    public void A_record_still_on_its_way_shows_no_partial_log_and_then_the_whole_battle()
    {
        var (view, whole) = ThreeRoundsThenSurrender();
        var record = new TaskCompletionSource<IReadOnlyList<BattleEvent>?>();
        var log = RenderFullLog(view, () => record.Task);

        log.FindAll("button").Single(b => b.TextContent.Trim() == "Show the full log").Click();

        Assert.Empty(log.FindAll("[data-testid=full-log-lines]"));
        record.SetResult(whole);
        log.WaitForAssertion(() => Assert.Contains("Round 1", log.Find("[data-testid=full-log-lines]").TextContent));
        Assert.Contains("Initiative", log.Find("[data-testid=full-log-lines]").TextContent);
    }

    [Fact]
    public void Without_a_record_the_full_log_is_the_live_views_and_says_older_rounds_are_not_kept()
    {
        var (view, _) = ThreeRoundsThenSurrender();
        var log = RenderFullLog(view, () => Task.FromResult<IReadOnlyList<BattleEvent>?>(null));

        log.FindAll("button").Single(b => b.TextContent.Trim() == "Show the full log").Click();

        Assert.DoesNotContain("Round 1", log.Find("[data-testid=full-log-lines]").TextContent);
        Assert.Contains("From round 4", log.Find("[data-testid=full-log-kept]").TextContent);
        log.Find("[data-testid=download-log-jsonl]").Click();
        Assert.Equal(view.Log.Count, DownloadedText(JSInterop).TrimEnd('\n').Split('\n').Length);
    }
}
