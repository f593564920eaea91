using System.Text;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Battles;

/// <summary>
/// A new snapshot shares every ship, turret and salvo list the action did not change with the previous one, and its
/// sides' options every option and turret the action did not change: views hold the latest snapshot in long-lived
/// places, so what is new is what each action leaves for the garbage collector. Reuse must never change a value.
/// </summary>
public class SideActionsReuseTests
{
    [Fact]
    public void What_an_action_did_not_change_is_the_same_object_in_the_next_snapshot_and_its_options()
    {
        // The free trader (two beam-laser turrets) acts first against a scout at Short; its first turret misses (2D = 2).
        var t = Scenario.Start("free_trader", "scout", band: RangeBand.Short);
        var before = t.Snapshot;
        var mineBefore = SideActions.For(before, Side.One);
        var theirsBefore = SideActions.For(before, Side.Two);

        t.Accept(new FireLasers(Side.One, 0), 1, 1);
        var after = t.Snapshot;
        var mine = SideActions.For(after, Side.One);
        var theirs = SideActions.For(after, Side.Two);

        // The turret that fired is used now; the other one, ending the turn and the helm are as they were.
        Assert.NotSame(mineBefore.Turrets[0], mine.Turrets[0]);
        Assert.False(mine.Turrets[0].FireBest!.IsAvailable);
        Assert.Same(mineBefore.Turrets[1], mine.Turrets[1]);
        Assert.True(mine.Turrets[1].FireBest!.IsAvailable);
        Assert.Same(mineBefore.EndTurn, mine.EndTurn);
        Assert.Same(mineBefore.Close, mine.Close);
        // The side waiting for its turn can do nothing new: all its turrets' options are the same list.
        Assert.Same(theirsBefore.Turrets, theirs.Turrets);
        // A miss leaves the scout as it was, and the free trader's second turret.
        Assert.Same(before.Two, after.Two);
        Assert.NotSame(before.One, after.One);
        Assert.Same(before.One.Turrets[1], after.One.Turrets[1]);
        Assert.Same(before.One.Criticals, after.One.Criticals);
        Assert.Same(before.Salvos, after.Salvos);
    }

    [Fact]
    public void A_turn_passing_back_gives_each_side_its_options_of_that_state_again()
    {
        var t = Scenario.Start("free_trader", "scout", band: RangeBand.Short);
        var acting = SideActions.For(t.Snapshot, Side.One);
        var waiting = SideActions.For(t.Snapshot, Side.Two);

        t.EndTurn();
        Assert.NotSame(acting.Turrets, SideActions.For(t.Snapshot, Side.One).Turrets);
        Assert.NotSame(waiting.Turrets, SideActions.For(t.Snapshot, Side.Two).Turrets);
        t.EndTurn();

        // Round 2: the free trader acts again with nothing changed but the round, and the scout waits again.
        Assert.Equal(2, t.Snapshot.Round);
        Assert.Same(acting.Turrets, SideActions.For(t.Snapshot, Side.One).Turrets);
        Assert.Same(acting.EndTurn, SideActions.For(t.Snapshot, Side.One).EndTurn);
        Assert.Same(waiting.Turrets, SideActions.For(t.Snapshot, Side.Two).Turrets);
    }

    [Fact]
    public void Options_that_reuse_earlier_ones_equal_options_made_afresh_through_whole_battles()
    {
        var compared = 0;
        foreach (var (setup, seed) in Setups())
        {
            var commands = new List<BattleCommand>();
            AiDuel.Play(setup, new SeededDice(seed), onCommand: commands.Add);
            var battle = Battle.Start(setup, new SeededDice(seed));
            foreach (var command in commands)
            {
                battle.Execute(command);
                var snapshot = battle.Snapshot;
                // Made with the positional constructor, the copy remembers no earlier options: every part is made anew.
                var fresh = new BattleSnapshot(snapshot.Round, snapshot.TurnNumber, snapshot.Band, snapshot.Pool, snapshot.FirstSide, snapshot.ActiveSide,
                    snapshot.ActiveSideHasManoeuvred, snapshot.One, snapshot.Two, snapshot.Salvos, snapshot.Outcome, snapshot.MaxRounds, snapshot.Version);
                foreach (var side in new[] { Side.One, Side.Two })
                {
                    Assert.Equal(Describe(SideActions.For(fresh, side)), Describe(SideActions.For(snapshot, side)));
                    compared++;
                }
            }
        }
        Assert.True(compared > 1000, $"only {compared} options compared");
    }

    // Every ship against every other at every band, a seed each.
    private static IEnumerable<(BattleSetup Setup, int Seed)> Setups()
    {
        var seed = 7;
        foreach (var one in ShipRoster.All)
        {
            foreach (var two in ShipRoster.All)
            {
                yield return (new BattleSetup(one.Id, two.Id, RangeTable.Bands[seed % RangeTable.Bands.Count]), seed++);
            }
        }
    }

    private static string Describe(SideActions actions)
    {
        var text = new StringBuilder();
        text.AppendLine($"{actions.Side} can act {actions.CanAct}, outranging {actions.OutrangingBand}");
        foreach (var option in new[] { actions.EndTurn, actions.Surrender, actions.Close, actions.Open })
        {
            text.AppendLine(Describe(option));
        }
        text.AppendLine(string.Join(", ", actions.Inbound));
        foreach (var turret in actions.Turrets)
        {
            text.AppendLine($"{turret.Turret}: point defence {turret.PointDefenceUnavailable}");
            foreach (var option in turret.Fire.Concat(turret.PointDefence).Append(turret.Launch).Append(turret.Sand))
            {
                text.AppendLine(Describe(option));
            }
        }
        return text.ToString();
    }

    private static string Describe(ActionOption? option) =>
        option is null ? "-" : $"{option.Command} {option.Refusal} {option.Unavailable} {option.Odds?.Summary}";
}
