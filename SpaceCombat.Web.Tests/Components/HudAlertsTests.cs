using Bunit;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>The HUD's live announcements, the opponent's presence notice, the combat log's headers and colours, the full log.</summary>
public sealed class HudAlertsTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Scout (side One, wins initiative) against a free trader at Medium.</summary>
    private static (Battle Battle, List<BattleEvent> Log) ScoutVersusTrader(params int[] moreDice)
    {
        var battle = Battle.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new ScriptedDice([6, 6, 1, 1, .. moreDice]));
        return (battle, [.. battle.StartEvents]);
    }

    private static BattleView ViewOf(Battle battle, IReadOnlyList<BattleEvent> log, OpponentKind opponent = OpponentKind.Person,
        DateTimeOffset? oneForfeitsAt = null, DateTimeOffset? twoForfeitsAt = null, string? rematchId = null) => new(
        "ABCDEF", opponent, battle.Outcome is null ? BattlePhase.InProgress : BattlePhase.Over, "scout", "free_trader", RangeBand.Medium,
        battle.Snapshot, battle.Outcome, [.. log], battle.Outcome is null ? Now.AddSeconds(30) : null, oneForfeitsAt is null, twoForfeitsAt is null,
        rematchId, Now, battle.Snapshot.Version)
    {
        SeatOneForfeitsAt = oneForfeitsAt,
        SeatTwoForfeitsAt = twoForfeitsAt,
    };

    private IRenderedComponent<BattleHud> RenderHud(BattleView view, Side? viewer) =>
        Render<BattleHud>(p => p.Add(h => h.Hud, HudRendering.StateFor(view, viewer, Now)));

    private static string Words(string text) => string.Join(" ", text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static string Announced(IRenderedComponent<BattleHud> hud) => hud.Find("[data-testid=announcer]").TextContent.Trim();

    [Fact]
    public void The_live_region_announces_hits_and_the_viewers_turn_but_not_what_was_there_when_the_page_opened()
    {
        var (battle, log) = ScoutVersusTrader(5, 6, 1, 1);
        var hud = RenderHud(ViewOf(battle, log), Side.Two);
        var region = hud.Find("[data-testid=announcer]");
        Assert.Equal("polite", region.GetAttribute("aria-live"));
        Assert.Equal("status", region.GetAttribute("role"));
        Assert.Equal("", Announced(hud));

        log.AddRange(battle.Execute(new FireLasers(Side.One, 0)).Events);
        hud.Show(ViewOf(battle, log));
        Assert.Equal("Enemy Type-S Scout hits your Type-A Free Trader for 4: hull 76.", Announced(hud));

        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        hud.Show(ViewOf(battle, log));
        Assert.Equal("Your turn, round 1.", Announced(hud));
    }

    [Fact]
    public void The_live_region_announces_the_result()
    {
        var (battle, log) = ScoutVersusTrader();
        var hud = RenderHud(ViewOf(battle, log), Side.One);

        log.AddRange(battle.Execute(new Surrender(Side.Two)).Events);
        hud.Show(ViewOf(battle, log));

        Assert.Equal("Victory. Enemy Type-A Free Trader surrenders to your Type-S Scout.", Announced(hud));
    }

    [Fact]
    public void The_opponents_disconnection_shows_with_the_forfeit_countdown_and_goes_when_they_return()
    {
        var (battle, log) = ScoutVersusTrader();
        var hud = RenderHud(ViewOf(battle, log), Side.One);
        Assert.Empty(hud.FindAll("[data-testid=presence-notice]"));

        hud.Show(ViewOf(battle, log, twoForfeitsAt: Now.AddSeconds(112)));
        var notice = hud.Find("[data-testid=presence-notice]");
        Assert.Equal("Opponent disconnected — they forfeit in 1:52 unless they return.", Words(notice.TextContent));
        Assert.Equal(Now.AddSeconds(112).ToUnixTimeMilliseconds().ToString(), notice.QuerySelector("[data-deadline]")!.GetAttribute("data-deadline"));
        Assert.Equal("Opponent disconnected.", Announced(hud));

        hud.Show(ViewOf(battle, log));
        Assert.Empty(hud.FindAll("[data-testid=presence-notice]"));
        Assert.Equal("Opponent is back.", Announced(hud));
    }

    [Fact]
    public void The_presence_notice_keeps_the_servers_time_it_first_sent_until_the_absence_changes()
    {
        var (battle, log) = ScoutVersusTrader(1, 1);
        var hud = RenderHud(ViewOf(battle, log, twoForfeitsAt: Now.AddSeconds(112)), Side.One);
        string Clock(string attribute) => hud.Find("[data-testid=presence-notice] [data-deadline]").GetAttribute(attribute)!;
        static string Milliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Milliseconds(Now), Clock("data-server-now"));

        // A shot ten seconds on: the browser is already counting down from the first reading; none is sent again.
        log.AddRange(battle.Execute(new FireLasers(Side.One, 0)).Events);
        hud.Instance.Hud.Now = Now.AddSeconds(10);
        hud.Show(ViewOf(battle, log, twoForfeitsAt: Now.AddSeconds(112)));
        Assert.Equal(Milliseconds(Now), Clock("data-server-now"));
        Assert.Equal("Opponent disconnected — they forfeit in 1:52 unless they return.", Words(hud.Find("[data-testid=presence-notice]").TextContent));

        // Back, then away again: the new deadline comes with the server's time now.
        hud.Show(ViewOf(battle, log));
        Assert.Empty(hud.FindAll("[data-testid=presence-notice]"));
        hud.Show(ViewOf(battle, log, twoForfeitsAt: Now.AddSeconds(130)));
        Assert.Equal(Milliseconds(Now.AddSeconds(10)), Clock("data-server-now"));
        Assert.Equal(Milliseconds(Now.AddSeconds(130)), Clock("data-deadline"));
        Assert.Equal("Opponent disconnected — they forfeit in 2:00 unless they return.", Words(hud.Find("[data-testid=presence-notice]").TextContent));
    }

    [Fact]
    public void A_player_is_not_told_about_their_own_seat_and_a_spectator_sees_either_side_by_name()
    {
        var (battle, log) = ScoutVersusTrader();
        var own = RenderHud(ViewOf(battle, log, oneForfeitsAt: Now.AddSeconds(60)), Side.One);
        Assert.Empty(own.FindAll("[data-testid=presence-notice]"));

        var spectator = RenderHud(ViewOf(battle, log, oneForfeitsAt: Now.AddSeconds(60)), null);
        Assert.Equal("Type-S Scout (side one) disconnected — forfeits in 1:00 unless its captain returns.", Words(spectator.Find("[data-testid=presence-notice]").TextContent));
    }

    [Fact]
    public void The_log_has_round_headers_newest_first_and_is_a_labelled_focusable_region()
    {
        var (battle, log) = ScoutVersusTrader();
        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        log.AddRange(battle.Execute(new EndTurn(Side.Two)).Events);
        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);

        var hud = RenderHud(ViewOf(battle, log), Side.One);
        var region = hud.Find("[data-testid=combat-log]");
        Assert.Equal("0", region.GetAttribute("tabindex"));
        Assert.Equal("Combat log", hud.Find("#" + region.GetAttribute("aria-labelledby")).TextContent.Trim());
        var headers = hud.FindAll(".sc-log-round").Select(h => h.TextContent.Trim()).ToArray();
        Assert.Equal(["Round 2", "Round 1"], headers);
        Assert.Empty(hud.FindAll("[data-testid=log-show-all]"));
    }

    [Fact]
    public void A_long_log_offers_the_earlier_rounds_in_plain_words_and_shows_them_on_request()
    {
        var (battle, log) = ScoutVersusTrader();
        for (var i = 0; i < 40; i++)
        {
            log.AddRange(battle.Execute(new EndTurn(battle.Snapshot.ActiveSide!.Value)).Events);
        }
        var hud = RenderHud(ViewOf(battle, log), Side.One);
        Assert.Equal(CombatLog.MaxLines, hud.FindAll("[data-testid=combat-log] li:not(.sc-log-round)").Count);
        Assert.DoesNotContain("server", hud.Find(".sc-lower").TextContent);

        hud.Find("[data-testid=log-show-all]").Click();

        Assert.Equal(log.Count(e => e is not TurnStarted and not RoundStarted), hud.FindAll("[data-testid=combat-log] li:not(.sc-log-round)").Count);
        Assert.Empty(hud.FindAll("[data-testid=log-show-all]"));
    }

    [Fact]
    public void The_result_line_is_red_on_a_defeat_and_green_on_a_victory()
    {
        var (battle, log) = ScoutVersusTrader();
        log.AddRange(battle.Execute(new Surrender(Side.Two)).Events);
        var ended = log.OfType<BattleEnded>().Single();

        Assert.Equal(CombatLogStyle.Defeat, CombatLogStyle.For(ended, Side.Two));
        Assert.Equal(CombatLogStyle.Victory, CombatLogStyle.For(ended, Side.One));
        Assert.Equal(CombatLogStyle.Ended, CombatLogStyle.For(ended, null));
        var defeat = RenderHud(ViewOf(battle, log), Side.Two).Find("[data-testid=combat-log] li.sc-log-end");
        Assert.Contains("sc-log-defeat", defeat.ClassList);
        Assert.DoesNotContain("sc-log-victory", defeat.ClassList);
    }

    [Fact]
    public void The_result_panel_shows_and_downloads_the_whole_log_and_offers_spectators_the_rematch()
    {
        var (battle, log) = ScoutVersusTrader();
        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        log.AddRange(battle.Execute(new Surrender(Side.Two)).Events);

        var player = RenderHud(ViewOf(battle, log, rematchId: "QWERTY"), Side.One);
        Assert.Empty(player.FindAll("[data-testid=full-log-lines]"));
        player.FindAll("button").Single(b => b.TextContent.Trim() == "Show the full log").Click();
        var lines = player.Find("[data-testid=full-log-lines]");
        Assert.Equal("0", lines.GetAttribute("tabindex"));
        Assert.Contains("surrenders to your Type-S Scout", lines.TextContent);
        Assert.Empty(player.FindAll("[data-testid=rematch-follow]"));

        player.Find("[data-testid=download-log-jsonl]").Click();
        var download = JSInterop.Invocations.Single(i => i.Identifier == "spaceCombat.download");
        Assert.Equal("spacecombat-ABCDEF.jsonl", download.Arguments[0]);
        var jsonLines = ((string)download.Arguments[2]!).TrimEnd('\n').Split('\n');
        Assert.Equal(log.Count, jsonLines.Length);
        Assert.Contains("\"type\":\"battle_ended\"", jsonLines[^1]);

        var spectator = RenderHud(ViewOf(battle, log, rematchId: "QWERTY"), null);
        Assert.Equal("/battle/QWERTY", spectator.Find("[data-testid=rematch-follow] a").GetAttribute("href"));
    }
}
