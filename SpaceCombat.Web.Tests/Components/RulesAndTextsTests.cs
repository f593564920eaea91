using Bunit;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Forms;
using SpaceCombat.Web.Components.Layout;
using SpaceCombat.Web.Components.Pages;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>The rules page from the engine's tables, the log's sentences, the match-up odds and the phone menu.</summary>
public sealed class RulesAndTextsTests : MudBunitContext
{
    [Fact]
    public void The_rules_page_shows_every_band_with_its_DM_and_thrust_to_leave_from_the_engine()
    {
        var page = Render<SpaceCombat.Web.Components.Pages.Rules>();

        var rows = page.FindAll("[data-testid=rules-bands] tbody tr");
        Assert.Equal(RangeTable.Bands.Count, rows.Count);
        foreach (var (band, row) in RangeTable.Bands.Zip(rows))
        {
            var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
            Assert.Equal(band.DisplayName(), cells[0]);
            Assert.Equal(RangeTable.AttackDm(band) switch { > 0 and var dm => $"+{dm}", < 0 and var dm => $"−{-dm}", _ => "0" }, cells[1]);
            Assert.Equal(RangeTable.ThrustToLeave(band).ToString(), cells[2]);
        }
        Assert.Equal(11, page.FindAll("[data-testid=rules-criticals] tbody tr").Count);
        Assert.Contains("Thrust 0, lasers cannot fire", page.Find("[data-testid=rules-criticals]").TextContent);
        Assert.Single(page.FindAll("h1"));
    }

    [Fact]
    public void Ship_labels_read_lower_case_inside_a_sentence_and_the_multi_laser_bonus_is_named()
    {
        Assert.Equal("your Type-S Scout", CombatLogText.MidSentence("Your Type-S Scout"));
        Assert.Equal("the enemy Type-S Scout", CombatLogText.MidSentence("Enemy Type-S Scout"));
        Assert.Equal("Type-S Scout (side one)", CombatLogText.MidSentence("Type-S Scout (side one)"));

        var destroyed = CombatLogText.DescribeOutcome(new BattleOutcome(Side.Two, BattleEndReason.Destroyed, 3),
            side => side == Side.One ? "Your Type-S Scout" : "Enemy Type-T Patrol Corvette");
        Assert.Equal("Enemy Type-T Patrol Corvette destroys your Type-S Scout", destroyed);

        var damage = CombatLogText.Damage(new DamageRoll([3, 6], 4, 2, 4, 0, 11, 80, 69), "Sand");
        Assert.Equal("Damage 2D [3, 6] + Multi-laser bonus 4 + Effect 2 − Armour 4 = 11 (hull 80 → 69).", damage);
    }

    [Fact]
    public void The_json_lines_download_keeps_a_salvos_roll_from_everyone_but_its_launcher()
    {
        var battle = SpaceCombat.Core.Battles.Battle.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new ScriptedDice([6, 6, 1, 1, 4, 4]));
        var log = new List<BattleEvent>(battle.StartEvents);
        log.AddRange(battle.Execute(new LaunchMissiles(Side.One, 0)).Events);
        string Name(Side side) => side.ToString();

        var defender = BattleLogExport.ToJsonLines(log, Side.Two, Name).TrimEnd('\n').Split('\n');
        var launcher = BattleLogExport.ToJsonLines(log, Side.One, Name).TrimEnd('\n').Split('\n');

        var defenderLaunch = defender.Single(l => l.Contains("\"type\":\"missile_launch\""));
        Assert.DoesNotContain("\"event\"", defenderLaunch);
        Assert.Contains("\"dice\":[4,4]", launcher.Single(l => l.Contains("\"type\":\"missile_launch\"")));
        Assert.Contains("Round 1", BattleLogExport.ToText(log, Side.One, Name));
    }

    [Fact]
    public void Match_up_odds_are_the_same_on_every_run_and_flag_a_hopeless_pairing()
    {
        var first = MatchupOdds.Play("scout", "patrol_corvette", RangeBand.Close, 60);
        var again = MatchupOdds.Play("scout", "patrol_corvette", RangeBand.Close, 60);

        Assert.Equal(first, again);
        Assert.True(first.WinRate < SetupWarnings.LopsidedBelow, $"the scout won {first.WinRate:P0}");
        Assert.StartsWith("A lopsided match-up: the Type-S Scout wins", SetupWarnings.Lopsided(first, "Type-S Scout", "Type-T Patrol Corvette"));
        Assert.Null(SetupWarnings.Lopsided(first with { Wins = 30, Draws = 0 }, "Type-S Scout", "Type-T Patrol Corvette"));
    }

    [Fact]
    public void The_menu_button_opens_and_closes_the_navigation()
    {
        var menu = Render<NavMenu>();
        var button = menu.Find("[data-testid=nav-menu]");
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Equal("sc-nav-links", menu.Find("#sc-nav-links").ClassName);

        button.Click();
        Assert.Equal("true", menu.Find("[data-testid=nav-menu]").GetAttribute("aria-expanded"));
        Assert.Contains("sc-nav-open", menu.Find("#sc-nav-links").ClassList);
        Assert.Contains(menu.FindAll("a"), a => a.GetAttribute("href") == "/rules");
    }
}
