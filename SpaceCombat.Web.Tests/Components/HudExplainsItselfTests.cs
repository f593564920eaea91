using AngleSharp.Dom;
using Bunit;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>Issue 20: every disabled HUD control says why (aria-describedby and tooltip), checks show the engine's odds, salvos are named plainly.</summary>
public sealed class HudExplainsItselfTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static (Battle Battle, List<BattleEvent> Log) Start(string one, string two, RangeBand band, params int[] moreDice)
    {
        var battle = Battle.Start(new BattleSetup(one, two, band), new ScriptedDice([6, 6, 1, 1, .. moreDice]));
        return (battle, [.. battle.StartEvents]);
    }

    private static BattleView ViewOf(Battle battle, IReadOnlyList<BattleEvent> log) => new(
        "ABCDEF", OpponentKind.Person, BattlePhase.InProgress, battle.Snapshot.One.Class.Id, battle.Snapshot.Two.Class.Id, RangeBand.Medium,
        battle.Snapshot, battle.Outcome, log, Now.AddSeconds(30), true, true, null, Now, battle.Snapshot.Version);

    private IRenderedComponent<BattleHud> RenderHud(BattleView view, Side? viewer) =>
        Render<BattleHud>(p => p.Add(h => h.Hud, HudRendering.StateFor(view, viewer, Now)));

    private static IElement Button(IRenderedComponent<BattleHud> hud, string name) =>
        hud.FindAll("button").First(b => b.TextContent.Trim() == name);

    /// <summary>The text of the element a control's aria-describedby points at.</summary>
    private static string Description(IRenderedComponent<BattleHud> hud, IElement control)
    {
        var id = control.GetAttribute("aria-describedby");
        Assert.False(string.IsNullOrWhiteSpace(id), $"{Name(control)} has no aria-describedby");
        return hud.Find($"#{id}").TextContent.Trim();
    }

    private static string Name(IElement control) => $"<{control.LocalName}> '{control.TextContent.Trim()}' {control.GetAttribute("aria-label")}";

    public static TheoryData<string, string, RangeBand, Side?, bool> States() => new()
    {
        { "scout", "free_trader", RangeBand.Medium, Side.One, false },
        { "scout", "free_trader", RangeBand.Medium, Side.Two, false },
        { "scout", "free_trader", RangeBand.Medium, null, false },
        { "scout", "free_trader", RangeBand.Distant, Side.One, false },
        { "mercenary_cruiser", "patrol_corvette", RangeBand.Adjacent, Side.One, false },
        { "scout", "patrol_corvette", RangeBand.Long, Side.Two, true },
        { "scout", "patrol_corvette", RangeBand.Long, Side.One, true },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Every_disabled_control_has_a_non_empty_accessible_description(string one, string two, RangeBand band, Side? viewer, bool salvoInbound)
    {
        var (battle, log) = Start(one, two, band, 1, 1);
        if (salvoInbound)
        {
            log.AddRange(battle.Execute(new LaunchMissiles(Side.One, 0)).Events);
        }
        var hud = RenderHud(ViewOf(battle, log), viewer);

        var disabled = hud.FindAll(".sc-hud button[disabled], .sc-hud select[disabled], .sc-hud input[disabled]");
        if (viewer is null)
        {
            // A spectator gets no controls at all, so none is disabled (see BattleHudTests).
            Assert.Empty(disabled);
            return;
        }
        Assert.NotEmpty(disabled);
        foreach (var control in disabled)
        {
            Assert.False(string.IsNullOrWhiteSpace(Description(hud, control)), $"{Name(control)} is disabled without a description");
            // The tooltip says the same: the control's wrapper carries the reason as its title while the control is
            // disabled (a plain title, not a MudTooltip: no popover service in battle circuits).
            if (control.LocalName == "button")
            {
                var wrapper = control.Closest(".sc-tip");
                Assert.NotNull(wrapper);
                Assert.False(string.IsNullOrWhiteSpace(wrapper.GetAttribute("title")), $"{Name(control)} has no tooltip");
            }
        }
    }

    [Theory]
    [InlineData("free_trader", "scout", RangeBand.Medium, "Fire", "58 % · 2D + Gunner 1 + Range 0 ≥ 8")]
    [InlineData("scout", "free_trader", RangeBand.Short, "Fire", "72 % · 2D + Gunner 1 + Range +1 ≥ 8")]
    [InlineData("scout", "free_trader", RangeBand.Long, "Launch Missile", "28 % · 2D + Gunner 1 + Range −2 ≥ 8")]
    public void Fire_and_launch_show_the_engines_hit_chance_before_the_click(string one, string two, RangeBand band, string button, string expected)
    {
        var (battle, log) = Start(one, two, band);
        var hud = RenderHud(ViewOf(battle, log), Side.One);

        var control = Button(hud, button);
        Assert.False(control.HasAttribute("disabled"));
        Assert.Equal(expected, Description(hud, control));
        var engine = SideActions.For(battle.Snapshot, Side.One).Turrets[0];
        Assert.Equal((button == "Fire" ? engine.FireBest : engine.Launch)!.Odds!.Summary, expected);
    }

    [Fact]
    public void A_launch_with_no_chance_is_disabled_with_its_reason()
    {
        var (battle, log) = Start("scout", "free_trader", RangeBand.Distant);
        var hud = RenderHud(ViewOf(battle, log), Side.One);

        var launch = Button(hud, "Launch Missile");
        Assert.True(launch.HasAttribute("disabled"));
        Assert.StartsWith("No chance: 2D + Gunner 1 + Range −6 ≥ 8 needs 13", Description(hud, launch));
    }

    [Fact]
    public void The_point_defence_picker_names_salvos_plainly_and_shows_the_odds()
    {
        var (battle, log) = Start("scout", "free_trader", RangeBand.Medium, 4, 4);
        log.AddRange(battle.Execute(new LaunchMissiles(Side.One, 0)).Events);
        log.AddRange(battle.Execute(new EndTurn(Side.One)).Events);
        var hud = RenderHud(ViewOf(battle, log), Side.Two);

        var option = Assert.Single(hud.FindAll(".sc-turret-row[data-turret='0'] select option"));
        Assert.Equal("Salvo of 1 from the Type-S Scout, strikes next round", option.TextContent.Trim());
        var defend = hud.FindAll(".sc-turret-row[data-turret='0'] button").Single(b => b.TextContent.Trim() == "Point Defense");
        Assert.False(defend.HasAttribute("disabled"));
        Assert.Equal("58 % · 2D + Gunner 1 ≥ 8", Description(hud, defend));
    }

    [Fact]
    public void Controls_keep_their_accessible_names()
    {
        var (battle, log) = Start("patrol_corvette", "free_trader", RangeBand.Short);
        var hud = RenderHud(ViewOf(battle, log), Side.One);
        foreach (var name in new[] { "Fire", "Launch Missile", "Point Defense", "Close Range", "Open Range", "End Turn", "Surrender", "Close to Firing Range" })
        {
            Assert.Contains(hud.FindAll("button"), b => b.TextContent.Trim() == name);
        }
    }
}
