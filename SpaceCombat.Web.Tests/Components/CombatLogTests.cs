using Bunit;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

public sealed class CombatLogTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static BattleView ViewOf(Battle battle, IReadOnlyList<BattleEvent> log) => new(
        "ABCDEF", OpponentKind.Person, BattlePhase.InProgress, "scout", "free_trader", RangeBand.Medium,
        battle.Snapshot, battle.Outcome, [.. log], Now.AddSeconds(30), true, true, null, Now, battle.Snapshot.Version);

    private static string Name(Side side) => side == Side.One ? "Your Type-S Scout" : "Enemy Type-A Free Trader";

    [Fact]
    public void A_change_describes_only_its_new_events_and_keeps_the_earlier_lines_as_they_were()
    {
        var battle = Battle.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new ScriptedDice(6, 6, 1, 1, 1, 1));
        var log = new List<BattleEvent>(battle.StartEvents);
        var asked = 0;
        Func<Side, string> shipName = side =>
        {
            asked++;
            return Name(side);
        };
        var hud = HudRendering.StateFor(ViewOf(battle, log), Side.One, Now);
        var combatLog = Render<CombatLog>(p => p.Add(c => c.Hud, hud).Add(c => c.ShipName, shipName));
        var earlier = combatLog.FindAll("li:not(.sc-log-round)").Select(li => li.TextContent).ToArray();
        var askedBefore = asked;

        var fired = battle.Execute(new FireLasers(Side.One, 0)).Events;
        log.AddRange(fired);
        hud.Show(ViewOf(battle, log), Side.One);
        combatLog.Render();

        // The names the new events' lines need, and no more: the earlier lines were not described again.
        var newNames = 0;
        foreach (var entry in fired.Where(e => e is not (TurnStarted or RoundStarted)))
        {
            CombatLogText.Describe(entry, Side.One, side =>
            {
                newNames++;
                return Name(side);
            });
        }
        Assert.True(newNames > 0);
        Assert.Equal(askedBefore + newNames, asked);
        var lines = combatLog.FindAll("li:not(.sc-log-round)").Select(li => li.TextContent).ToArray();
        Assert.Contains("fires", lines[0], StringComparison.Ordinal);
        Assert.Equal(earlier, lines[^earlier.Length..]);
    }
}
