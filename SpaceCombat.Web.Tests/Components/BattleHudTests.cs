using System.Globalization;
using Bunit;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

public sealed class BattleHudTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Scout (side One, wins initiative 12+2+2 vs 2+1+1) against a free trader at Medium.</summary>
    private static (Battle Battle, List<BattleEvent> Log) ScoutVersusTrader(params int[] moreDice)
    {
        var battle = Battle.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new ScriptedDice([6, 6, 1, 1, .. moreDice]));
        return (battle, [.. battle.StartEvents]);
    }

    [Fact]
    public void Helm_orders_and_surrender_render_only_when_what_they_show_changes()
    {
        var (battle, log) = ScoutVersusTrader(1, 1);
        var hud = RenderHud(ViewOf(battle, log), Side.One);
        var helm = hud.FindComponent<HelmOrders>();
        var surrender = hud.FindComponent<SurrenderButton>();
        var (helmRenders, surrenderRenders) = (helm.RenderCount, surrender.RenderCount);

        // Firing (a miss) changes the turret and the log, not the helm's orders or the surrender button.
        log.AddRange(battle.Execute(new FireLasers(Side.One, 0)).Events);
        hud.Show(ViewOf(battle, log));
        Assert.Equal(helmRenders, helm.RenderCount);
        Assert.Equal(surrenderRenders, surrender.RenderCount);

        // Ending the turn disables the orders: the helm renders, with the reason.
        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        hud.Show(ViewOf(battle, log));
        Assert.Equal(helmRenders + 1, helm.RenderCount);
        Assert.True(Buttons(hud, "Close to Firing Range").Single().HasAttribute("disabled"));
        Assert.Equal(surrenderRenders, surrender.RenderCount);

        Buttons(hud, "Surrender").Single().Click();
        Assert.Single(Buttons(hud, "Yes, surrender"));
    }

    [Fact]
    public void Turret_controls_render_only_when_the_turrets_their_options_or_the_salvos_change()
    {
        var (battle, log) = ScoutVersusTrader(1, 1);
        var hud = RenderHud(ViewOf(battle, log), Side.Two);
        var turrets = hud.FindComponent<TurretControls>();
        var renders = turrets.RenderCount;

        // The scout fires and misses: the trader's turrets and what they may do are the same objects (see SideActions).
        log.AddRange(battle.Execute(new FireLasers(Side.One, 0)).Events);
        hud.Show(ViewOf(battle, log));
        Assert.Equal(renders, turrets.RenderCount);

        // The scout ends its turn: the trader's turrets may fire now.
        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        hud.Show(ViewOf(battle, log));
        Assert.Equal(renders + 1, turrets.RenderCount);
        Assert.All(Buttons(hud, "Fire"), fire => Assert.False(fire.HasAttribute("disabled")));
    }

    private static BattleView ViewOf(Battle battle, IReadOnlyList<BattleEvent> log, DateTimeOffset? deadline = null) => new(
        "ABCDEF", OpponentKind.Person, battle.Outcome is null ? BattlePhase.InProgress : BattlePhase.Over, "scout", "free_trader", RangeBand.Medium,
        battle.Snapshot, battle.Outcome, log, battle.Outcome is null ? deadline ?? Now.AddSeconds(30) : null, true, true, null, Now, battle.Snapshot.Version);

    [Fact]
    public void The_timer_sends_the_time_left_as_its_deadline_first_renders_with_the_turn_and_a_new_turn_sends_its_own()
    {
        var (battle, log) = ScoutVersusTrader(1, 1);
        var hud = RenderHud(ViewOf(battle, log), Side.One);
        string Timer(string attribute) => hud.Find("[data-testid=turn-timer]").GetAttribute(attribute)!;
        Assert.Equal("30000", Timer("data-time-left"));
        Assert.Equal(HudText.Number(battle.Snapshot.TurnNumber), Timer("data-clock-turn"));
        var firstTurn = Timer("data-clock-turn");

        // Five seconds on, the same turn: the countdown moves, the time left the browser counts from stays.
        hud.Instance.Hud.Now = Now.AddSeconds(5);
        log.AddRange(battle.Execute(new FireLasers(Side.One, 0)).Events);
        hud.Show(ViewOf(battle, log));
        Assert.Equal("00:25", hud.Find("[data-testid=turn-timer]").TextContent.Trim());
        Assert.Equal("30000", Timer("data-time-left"));
        Assert.Equal(firstTurn, Timer("data-clock-turn"));

        // The next turn's deadline is 60.04 s on: its time left, to a tenth of a second, with the next turn.
        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        hud.Show(ViewOf(battle, log, deadline: Now.AddSeconds(65.04)));
        Assert.Equal("60000", Timer("data-time-left"));
        Assert.NotEqual(firstTurn, Timer("data-clock-turn"));
        Assert.Equal(HudText.Number(battle.Snapshot.TurnNumber), Timer("data-clock-turn"));
    }

    private IRenderedComponent<BattleHud> RenderHud(BattleView view, Side? viewer, Action<BattleCommand>? onCommand = null) =>
        Render<BattleHud>(p => p
            .Add(h => h.Hud, HudRendering.StateFor(view, viewer, Now))
            .Add(h => h.OnCommand, (BattleCommand c) =>
            {
                onCommand?.Invoke(c);
                return Task.CompletedTask;
            }));

    private static IEnumerable<AngleSharp.Dom.IElement> Buttons(IRenderedComponent<BattleHud> hud, string name) =>
        hud.FindAll("button").Where(b => b.TextContent.Trim() == name);

    /// <summary>
    /// Blazor rents each render's buffer from a shared pool, in powers of two from 32 frames, and every component holds
    /// two (its last render and the one before): one frame past 128 and the HUD holds two of 256 frames, about 10 KB
    /// more in every battle circuit. Its own frames, not its parts' (each part has its own buffers).
    /// </summary>
    [Fact]
    public void The_huds_own_render_tree_fits_a_128_frame_buffer_in_every_state_it_shows()
    {
        var (battle, log) = ScoutVersusTrader(1, 1, 1, 1);
        var frames = new List<(string State, int Frames)>
        {
            ("the player's turn", FramesOf(RenderHud(ViewOf(battle, log), Side.One))),
            ("the opponent's turn", FramesOf(RenderHud(ViewOf(battle, log), Side.Two))),
            ("a spectator", FramesOf(RenderHud(ViewOf(battle, log), null))),
            ("the opponent away", FramesOf(RenderHud(ViewOf(battle, log) with { SeatTwoForfeitsAt = Now.AddSeconds(60) }, Side.One))),
            ("a seat away, to a spectator", FramesOf(RenderHud(ViewOf(battle, log) with { SeatOneForfeitsAt = Now.AddSeconds(60) }, null))),
        };
        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        frames.Add(("the opponent away in their turn", FramesOf(RenderHud(ViewOf(battle, log) with { SeatTwoForfeitsAt = Now.AddSeconds(60) }, Side.One))));
        log.AddRange(battle.Execute(new Surrender(Side.Two)).Events);
        frames.Add(("the battle over", FramesOf(RenderHud(ViewOf(battle, log), Side.One))));

        Assert.All(frames, state => Assert.True(state.Frames <= 128, $"{state.State}: {state.Frames} frames"));
        // The count is a real render tree: the player's controls are in it.
        Assert.True(frames[0].Frames > 64, $"the player's turn: {frames[0].Frames} frames");
    }

    private static int FramesOf(IRenderedComponent<BattleHud> hud) => HudRendering.FramesOf(hud.Instance).Length;

    /// <summary>
    /// Each ship panel holds two buffers of its own (see the HUD's test above): a panel past 64 frames holds two of 128,
    /// about 5 KB more for each of the two panels in every battle circuit. Every ship of the roster, against the one
    /// with the most turrets, untouched.
    /// </summary>
    [Fact]
    public void Each_ship_panels_render_tree_fits_a_64_frame_buffer_for_every_ship_of_the_roster()
    {
        var mostTurrets = Core.Ships.ShipRoster.All.MaxBy(ship => ship.Turrets.Count)!;
        foreach (var ship in Core.Ships.ShipRoster.All)
        {
            var battle = Battle.Start(new BattleSetup(ship.Id, mostTurrets.Id, RangeBand.Medium), new ScriptedDice([6, 6, 1, 1]));
            var hud = RenderHud(ViewOf(battle, [.. battle.StartEvents]), Side.One);
            foreach (var panel in hud.FindComponents<ShipPanel>())
            {
                var frames = HudRendering.FramesOf(panel.Instance).Length;
                Assert.True(frames is > 32 and <= 64, $"{panel.Instance.Ship.Snapshot.Class.Name}'s panel: {frames} frames");
            }
        }
    }

    [Fact]
    public void The_range_track_marks_the_band_the_ships_are_at_and_its_render_tree_fits_a_32_frame_buffer_at_every_band()
    {
        foreach (var band in RangeTable.Bands)
        {
            var battle = Battle.Start(new BattleSetup("scout", "free_trader", band), new ScriptedDice([6, 6, 1, 1]));
            var track = RenderHud(ViewOf(battle, [.. battle.StartEvents]), Side.One).FindComponent<RangeTrack>();

            var cells = track.FindAll(".sc-range-track .sc-range-cell");
            Assert.Equal(RangeTable.Bands.Select(b => b.DisplayName()), cells.Select(cell => cell.TextContent));
            Assert.Equal(band.DisplayName(), track.Find(".sc-range-current").TextContent);
            Assert.StartsWith($"Attack DM {RangeTable.AttackDm(band):+0;−0;0}, thrust to leave", track.Find(".sc-range-current").GetAttribute("title"));
            var frames = HudRendering.FramesOf(track.Instance).Length;
            Assert.True(frames is > 8 and <= 32, $"{band}: {frames} frames");
        }
    }

    [Fact]
    public void Ship_panels_showing_the_same_readouts_share_one_string_for_them_across_circuits()
    {
        var (battle, log) = ScoutVersusTrader();
        var first = RenderHud(ViewOf(battle, log), Side.One).FindComponents<ShipPanel>();
        var second = RenderHud(ViewOf(battle, log), Side.One).FindComponents<ShipPanel>();

#pragma warning disable BL0006 // Render tree frames: what the test inspects.
        static string Readouts(IRenderedComponent<ShipPanel> panel) =>
            HudRendering.FramesOf(panel.Instance).Single(f => f.FrameType == Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrameType.Markup && f.MarkupContent.Contains("sc-stats", StringComparison.Ordinal)).MarkupContent;
#pragma warning restore BL0006

        Assert.Same(Readouts(first[0]), Readouts(second[0]));
        Assert.Same(Readouts(first[1]), Readouts(second[1]));
        Assert.NotEqual(Readouts(first[0]), Readouts(first[1]));
        Assert.Contains("data-testid=\"own-missiles\"", Readouts(first[0]));
        Assert.Equal(
            ["Armour", "Thrust", "Pilot", "Gunner", "Missiles", "Sand"],
            second[1].FindAll(".sc-stats .sc-muted").Select(label => label.TextContent));
        Assert.Equal(HudText.Number(battle.Snapshot.Two.Thrust), second[1].FindAll(".sc-stats > div")[1].LastChild!.TextContent.Trim());
    }

    [Fact]
    public void Renders_the_snapshot_for_the_player_whose_turn_it_is()
    {
        var (battle, log) = ScoutVersusTrader();
        var hud = RenderHud(ViewOf(battle, log), Side.One);

        Assert.Equal("40 / 40", hud.Find("[data-testid=own-hull]").TextContent.Trim());
        Assert.Equal("80 / 80", hud.Find("[data-testid=enemy-hull]").TextContent.Trim());
        Assert.Equal("Medium", hud.Find("[data-testid=range-band]").TextContent.Trim());
        Assert.Equal("1", hud.Find("[data-testid=round]").TextContent.Trim());
        Assert.Equal("Your turn", hud.Find("[data-testid=turn-indicator]").TextContent.Trim());
        Assert.Contains("Your Type-S Scout acts first", hud.Find("[data-testid=initiative]").TextContent);
        var timer = hud.Find("[data-testid=turn-timer]");
        Assert.Equal("30000", timer.GetAttribute("data-time-left"));
        Assert.Equal("00:30", timer.TextContent.Trim());
        Assert.Contains("Initiative: ", hud.Find("[data-testid=combat-log]").TextContent);

        foreach (var name in new[] { "Fire", "Launch Missile", "Sandcaster", "Close Range", "Open Range", "End Turn", "Surrender" })
        {
            Assert.False(Buttons(hud, name).Single().HasAttribute("disabled"), $"{name} should be enabled");
        }
        // No missile is inbound, so point defence has nothing to shoot at.
        Assert.True(Buttons(hud, "Point Defense").Single().HasAttribute("disabled"));
    }

    [Fact]
    public void Disables_every_action_out_of_turn_and_gives_spectators_no_controls_at_all()
    {
        var (battle, log) = ScoutVersusTrader();
        var hud = RenderHud(ViewOf(battle, log), Side.Two);

        Assert.DoesNotContain("Your turn", hud.Find("[data-testid=turn-indicator]").TextContent);
        foreach (var button in hud.FindAll(".sc-turret-actions button, .sc-controls button, .sc-action-bar button"))
        {
            if (button.TextContent.Trim() == "Surrender")
            {
                Assert.False(button.HasAttribute("disabled"), "a player may surrender at any time");
                continue;
            }
            Assert.True(button.HasAttribute("disabled"), $"{button.TextContent.Trim()} should be disabled out of turn");
        }

        var spectator = RenderHud(ViewOf(battle, log), null);
        Assert.NotNull(spectator.Find("[data-testid=spectator-badge]"));
        Assert.Empty(spectator.FindAll(".sc-controls, .sc-action-bar, .sc-turret-actions"));
        Assert.DoesNotContain(spectator.FindAll("button"), b => b.TextContent.Trim() is "End Turn" or "Surrender" or "Fire");
        Assert.Equal("Type-S Scout v Type-A Free Trader", spectator.Find("[data-testid=battle-heading]").TextContent.Trim());
        Assert.Equal("H1", spectator.Find("[data-testid=battle-heading]").TagName);
    }

    [Fact]
    public void Shows_the_roll_breakdown_of_an_attack_in_the_log()
    {
        var (battle, log) = ScoutVersusTrader(5, 6, 1, 1);
        log.AddRange(battle.Execute(new FireLasers(Side.One, 0)).Events);

        var hud = RenderHud(ViewOf(battle, log), Side.Two);

        var text = hud.Find("[data-testid=combat-log]").TextContent;
        Assert.Contains("2D [5, 6] + Gunner 1 + Range 0 = 12 vs 8, Effect +4", text);
        Assert.Contains("Damage 2D [1, 1] + Effect 4 − Armour 2 = 4 (hull 80 → 76)", text);
        Assert.Equal("76 / 80", hud.Find("[data-testid=own-hull]").TextContent.Trim());
    }

    [Fact]
    public void Hides_a_salvo_roll_from_the_defender_and_shows_it_to_the_launcher()
    {
        var (battle, log) = ScoutVersusTrader(4, 4);
        log.AddRange(battle.Execute(new LaunchMissiles(Side.One, 0)).Events);

        var defender = RenderHud(ViewOf(battle, log), Side.Two).Find("[data-testid=combat-log]").TextContent;
        var launcher = RenderHud(ViewOf(battle, log), Side.One).Find("[data-testid=combat-log]").TextContent;

        Assert.Contains("its attack roll stays hidden", defender);
        Assert.DoesNotContain("2D [4, 4]", defender);
        Assert.Contains("2D [4, 4] + Gunner 1 + Range 0 = 9 vs 8, Effect +1", launcher);
    }

    [Fact]
    public void Clicking_fire_raises_the_command_for_that_turret()
    {
        var (battle, log) = ScoutVersusTrader();
        var commands = new List<BattleCommand>();
        var hud = RenderHud(ViewOf(battle, log), Side.One, commands.Add);

        Buttons(hud, "Fire").Single().ClickForItsTurn();
        Buttons(hud, "End Turn").Single().ClickForItsTurn();

        // Each carries the turn it was rendered for: a click that arrives after the turn passed is refused.
        var turn = battle.TurnNumber;
        Assert.Equal([new FireLasers(Side.One, 0) { ForTurn = turn }, new EndTurn(Side.One) { ForTurn = turn }], commands);
    }

    [Fact]
    public void Each_turn_has_new_action_buttons_whose_clicks_carry_that_turn()
    {
        var (battle, log) = ScoutVersusTrader();
        var commands = new List<BattleCommand>();
        var hud = RenderHud(ViewOf(battle, log), Side.One, commands.Add);
        var endTurn = Buttons(hud, "End Turn").Single();
        var first = battle.TurnNumber;
        Assert.True(endTurn.HasAttribute("data-disable-on-click"), "End Turn disables in the browser as it is clicked");
        Buttons(hud, "Fire").Single().ClickForItsTurn();

        // Two turns later it is the viewer's turn again: the buttons are other elements, with other handler ids, that
        // say they are for the new turn (a click in flight on the old ones says the old turn; the headless hostile
        // test sends one).
        battle.Execute(new EndTurn(Side.One));
        battle.Execute(new EndTurn(Side.Two));
        hud.Show(ViewOf(battle, log));
        var next = Buttons(hud, "End Turn").Single();
        Assert.NotSame(endTurn, next);
        Assert.NotEqual(endTurn.GetAttribute("blazor:onturnclick"), next.GetAttribute("blazor:onturnclick"));
        Assert.Equal(first.ToString(CultureInfo.InvariantCulture), endTurn.GetAttribute("data-for-turn"));
        Assert.All(hud.FindAll("button[data-for-turn]"), button => Assert.Equal((first + 2).ToString(CultureInfo.InvariantCulture), button.GetAttribute("data-for-turn")));
        next.ClickForItsTurn();

        Assert.Equal([new FireLasers(Side.One, 0) { ForTurn = first }, new EndTurn(Side.One) { ForTurn = first + 2 }], commands);
    }

    [Fact]
    public void A_turn_control_sends_the_turn_its_click_says_so_a_late_or_forged_one_is_refused_by_the_engine()
    {
        var (battle, log) = ScoutVersusTrader();
        var commands = new List<BattleCommand>();
        var hud = RenderHud(ViewOf(battle, log), Side.One, commands.Add);
        var turn = battle.TurnNumber;

        // The turn comes from the page, not from the handler: the same handler serves every turn of the HUD.
        Buttons(hud, "Fire").Single().ClickForTurn(turn - 2);
        Buttons(hud, "Close Range").Single().ClickForTurn(turn + 2);
        Buttons(hud, "End Turn").Single().ClickForTurn(-1);

        Assert.Equal([turn - 2, turn + 2, -1], commands.Select(command => command.ForTurn!.Value));
        foreach (var command in commands)
        {
            var refusal = Assert.IsType<Refusal>(battle.Execute(command).Refusal);
            Assert.Equal(RefusalReason.StaleTurn, refusal.Reason);
        }
        Assert.Equal(turn, battle.TurnNumber);
    }

    [Fact]
    public void The_opponents_turn_keeps_the_viewers_buttons_whose_clicks_carry_the_viewers_last_turn()
    {
        var (battle, log) = ScoutVersusTrader();
        var commands = new List<BattleCommand>();
        var hud = RenderHud(ViewOf(battle, log), Side.One, commands.Add);
        var mine = battle.TurnNumber;
        var endTurn = Buttons(hud, "End Turn").Single().GetAttribute("blazor:onturnclick");
        var fire = Buttons(hud, "Fire").Single().GetAttribute("blazor:onturnclick");

        // Only the viewer's own turns make new buttons: the opponent's turn disables these, and a click still in
        // flight on them is for the viewer's turn that is over (the engine refuses it).
        battle.Execute(new EndTurn(Side.One));
        hud.Show(ViewOf(battle, log));
        Assert.Equal(endTurn, Buttons(hud, "End Turn").Single().GetAttribute("blazor:onturnclick"));
        Assert.Equal(fire, Buttons(hud, "Fire").Single().GetAttribute("blazor:onturnclick"));
        Assert.True(Buttons(hud, "Fire").Single().HasAttribute("disabled"));
        Buttons(hud, "Fire").Single().ClickForItsTurn();

        Assert.Equal([new FireLasers(Side.One, 0) { ForTurn = mine }], commands);
    }

    [Fact]
    public void Surrender_asks_first_and_only_Yes_surrender_sends_it()
    {
        var (battle, log) = ScoutVersusTrader();
        var commands = new List<BattleCommand>();
        var hud = RenderHud(ViewOf(battle, log), Side.One, commands.Add);

        Buttons(hud, "Surrender").Single().Click();
        Assert.Empty(commands);
        Assert.Contains("Surrender this battle?", hud.Find(".sc-surrender").TextContent);
        Buttons(hud, "Keep fighting").Single().Click();
        Assert.Empty(commands);
        Assert.Empty(Buttons(hud, "Yes, surrender"));

        Buttons(hud, "Surrender").Single().Click();
        Buttons(hud, "Yes, surrender").Single().Click();
        Assert.Equal([new Surrender(Side.One)], commands);

        // Surrender and End Turn sit at the two ends of the action bar, not side by side.
        var bar = hud.Find("[data-testid=action-bar]");
        Assert.Equal("Surrender", bar.FirstElementChild!.TextContent.Trim());
        Assert.Equal("End Turn", bar.LastElementChild!.TextContent.Trim());
    }

    [Fact]
    public void A_command_click_leaves_the_re_render_to_the_battle_notifier_but_local_choices_render_at_once()
    {
        var (battle, log) = ScoutVersusTrader();
        var commands = new List<BattleCommand>();
        var hud = RenderHud(ViewOf(battle, log), Side.One, commands.Add);
        var turrets = hud.FindComponent<TurretControls>();
        var (hudRenders, turretRenders) = (hud.RenderCount, turrets.RenderCount);

        Buttons(hud, "Fire").Single().ClickForItsTurn();
        Buttons(hud, "Close Range").Single().ClickForItsTurn();

        Assert.Equal(2, commands.Count);
        Assert.Equal(hudRenders, hud.RenderCount);
        Assert.Equal(turretRenders, turrets.RenderCount);

        // A thrust change renders the helm alone (ManualHelm), with the hints for that thrust.
        var manualHelm = hud.FindComponent<ManualHelm>();
        var helmRenders = manualHelm.RenderCount;
        hud.Find(".sc-thrust-input").Change("1");
        Assert.Equal(helmRenders + 1, manualHelm.RenderCount);
        Assert.Equal(turretRenders, turrets.RenderCount);
        Assert.Equal("1", hud.Find(".sc-thrust-input").GetAttribute("value"));
        Buttons(hud, "Close Range").Single().ClickForItsTurn();
        Assert.Equal(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 1) { ForTurn = battle.TurnNumber }, commands[^1]);

        // The scout has thrust 2: a typed 9 is shown (and sent) as the most it can spend.
        hud.Find(".sc-thrust-input").Change("9");
        Assert.Equal("2", hud.Find(".sc-thrust-input").GetAttribute("value"));
        Buttons(hud, "Open Range").Single().ClickForItsTurn();
        Assert.Equal(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 2) { ForTurn = battle.TurnNumber }, commands[^1]);
    }

    [Fact]
    public void Hud_parts_render_once_more_as_they_appear_and_then_only_when_what_they_show_changes()
    {
        var (battle, log) = ScoutVersusTrader();
        var hud = RenderHud(ViewOf(battle, log), Side.One);
        var panels = hud.FindComponents<ShipPanel>();
        var combatLog = hud.FindComponent<CombatLog>();

        // Both of Blazor's render buffers of every part are filled while the page comes up (see HudPart). A rendered
        // component's count includes its children's renders, so the parts are counted where they have none.
        Assert.Equal(2, panels.Count);
        Assert.All(panels, panel => Assert.Equal(2, panel.RenderCount));
        Assert.Equal(2, combatLog.RenderCount);
        Assert.Equal(2, hud.FindComponent<RangeTrack>().RenderCount);
        Assert.Equal(2, hud.FindComponent<InboundMissiles>().RenderCount);

        // Ending a turn changes the turn and the log, not the ships.
        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        hud.Show(ViewOf(battle, log));

        Assert.All(panels, panel => Assert.Equal(2, panel.RenderCount));
        Assert.Equal(3, combatLog.RenderCount);
        Assert.StartsWith("Waiting for", hud.Find("[data-testid=turn-indicator]").TextContent.Trim());
    }

    [Fact]
    public async Task A_hud_comes_up_in_two_render_batches_when_each_waits_for_the_browsers_acknowledgement()
    {
        var (battle, log) = ScoutVersusTrader();
        await using var renderer = new AcknowledgingRenderer();
        await renderer.RenderAsync<BattleHud>(new Dictionary<string, object?>
        {
            [nameof(BattleHud.Hud)] = HudRendering.StateFor(ViewOf(battle, log), Side.One, Now),
            [nameof(BattleHud.OnCommand)] = (Func<BattleCommand, Task>)(_ => Task.CompletedTask),
        });

        await renderer.AcknowledgeAllAsync();

        // The first render, then the HUD's second with every part in it (so each part holds both render buffers), and
        // no batch after: as Blazor Server sends them, each would be one more message to the browser and one more back.
        Assert.Equal(2, renderer.Batches.Count);
        var (first, second) = (renderer.Batches[0].ComponentIds.Order().ToList(), renderer.Batches[1].ComponentIds.Order().ToList());
        Assert.True(first.Count > 10, $"The first batch updated {first.Count} components.");
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_battle_ending_takes_one_render_batch_when_each_waits_for_the_browsers_acknowledgement()
    {
        var (battle, log) = ScoutVersusTrader();
        var hud = HudRendering.StateFor(ViewOf(battle, log), Side.One, Now);
        var parameters = new Dictionary<string, object?>
        {
            [nameof(BattleHud.Hud)] = hud,
            [nameof(BattleHud.OnCommand)] = (Func<BattleCommand, Task>)(_ => Task.CompletedTask),
        };
        // The full log link at the end asks for the JS runtime: bUnit's loose one.
        await using var renderer = new AcknowledgingRenderer(Services);
        var root = await renderer.RenderAsync<BattleHud>(parameters);
        await renderer.AcknowledgeAllAsync();
        var missilesInPlay = await renderer.FindAsync<InboundMissiles>(root);
        var batchesInPlay = renderer.Batches.Count;

        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        log.AddRange(battle.Execute(new Surrender(Side.Two)).Events);
        hud.Show(ViewOf(battle, log), Side.One);
        await renderer.SetParametersAsync(root, parameters);
        await renderer.AcknowledgeAllAsync();

        // The result panel and the missile list, moved below the ships, come up in the batch that shows the end; a
        // render of their own after it would send the browser an empty batch.
        Assert.NotNull(await renderer.FindAsync<ResultPanel>(root));
        Assert.NotEqual(missilesInPlay, await renderer.FindAsync<InboundMissiles>(root));
        Assert.Equal(batchesInPlay + 1, renderer.Batches.Count);
    }

    [Theory]
    [InlineData(Side.One, "Victory")]
    [InlineData(Side.Two, "Defeat")]
    [InlineData(null, "Type-S Scout (side one) wins")]
    public void Shows_the_result_panel_when_the_battle_is_over(Side? viewer, string title)
    {
        var (battle, log) = ScoutVersusTrader();
        log.AddRange(battle.Execute(new Surrender(Side.Two)).Events);

        var hud = RenderHud(ViewOf(battle, log), viewer);

        Assert.Equal(title, hud.Find("[data-testid=battle-result]").TextContent.Trim());
        Assert.Contains("surrenders", hud.Find("[data-testid=battle-result-reason]").TextContent);
        Assert.Equal(viewer is not null, Buttons(hud, "Rematch").Any());
        Assert.Single(Buttons(hud, "Back to lobby"));
        Assert.Empty(hud.FindAll(".sc-controls, .sc-action-bar"));
        Assert.Equal("Battle over", hud.Find("[data-testid=turn-indicator]").TextContent.Trim());
    }

    [Theory]
    [InlineData(Side.One, "Your ship hull", "Enemy hull")]
    [InlineData(null, "Side one hull", "Side two hull")]
    public void Each_hull_bar_is_named_for_its_panels_heading_with_one_string_for_every_circuit(Side? viewer, string own, string enemy)
    {
        var (battle, log) = ScoutVersusTrader();
        var first = RenderHud(ViewOf(battle, log), viewer);
        var second = RenderHud(ViewOf(battle, log), viewer);

        Assert.Equal([own, enemy], first.FindAll(".sc-ship .sc-bar").Select(bar => bar.GetAttribute("aria-label")));
        var (firstPanels, secondPanels) = (first.FindComponents<ShipPanel>(), second.FindComponents<ShipPanel>());
        // The name each circuit's render tree keeps is the one shared string, not a copy made per panel.
        Assert.Same(firstPanels[0].Instance.Ship.HullLabel, secondPanels[0].Instance.Ship.HullLabel);
        Assert.Same(firstPanels[1].Instance.Ship.HullLabel, secondPanels[1].Instance.Ship.HullLabel);
    }
}
