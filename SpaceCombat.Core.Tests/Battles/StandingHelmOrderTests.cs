using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Tests.Battles;

/// <summary>Issue 20: standing helm orders manoeuvre and end turns while nothing else can be done, and stop the moment something can.</summary>
public class StandingHelmOrderTests
{
    /// <summary>Gives the order's commands for side One until it leaves the turn to the player; side Two's turns run <paramref name="enemyTurn"/>.</summary>
    private static int RunOwnTurns(TestBattle t, StandingHelmOrder order, Action<TestBattle> enemyTurn, int maxTurns = 500)
    {
        var ownTurns = 0;
        for (var guard = 0; guard < 10 * maxTurns; guard++)
        {
            if (t.Snapshot.ActiveSide == Side.Two)
            {
                enemyTurn(t);
                continue;
            }
            var command = order.Next(t.Snapshot);
            if (command is null)
            {
                return ownTurns;
            }
            if (command is EndTurn)
            {
                ownTurns++;
            }
            t.Accept(command);
        }
        throw new InvalidOperationException("The order never handed the helm back.");
    }

    private static void Passive(TestBattle t) => t.EndTurn();

    [Fact]
    public void Closing_from_Distant_runs_until_a_weapon_can_reach_then_hands_the_turn_back()
    {
        var t = Scenario.Start("free_trader", "free_trader", band: RangeBand.Distant);
        var order = StandingHelmOrder.Create(t.Snapshot, Side.One, ManoeuvreDirection.Close, null, out var refusal)!;
        Assert.Null(refusal);

        var turnsEnded = RunOwnTurns(t, order, Passive);

        // Thrust 1 a turn: 50 to leave Distant, 25 Very Long, 10 Long; the beam laser reaches at Medium.
        Assert.Equal(84, turnsEnded);
        Assert.Equal(RangeBand.Medium, t.Snapshot.Band);
        Assert.Equal(Side.One, t.Snapshot.ActiveSide);
        Assert.False(order.IsActive);
        Assert.Equal("A weapon can act: the helm is yours.", order.StoppedBecause);
        Assert.True(SideActions.For(t.Snapshot, Side.One).Turrets[0].FireBest!.IsAvailable);
    }

    [Fact]
    public void Closing_stops_when_the_enemy_matches_its_thrust()
    {
        var t = Scenario.Start("free_trader", "free_trader", band: RangeBand.VeryLong);
        var order = StandingHelmOrder.CloseToFiringRange(Side.One);

        RunOwnTurns(t, order, enemy =>
        {
            enemy.Accept(new Manoeuvre(Side.Two, ManoeuvreDirection.Open, 1));
            enemy.EndTurn();
        });

        Assert.False(order.IsActive);
        Assert.StartsWith("The enemy is matching your thrust", order.StoppedBecause);
        Assert.Equal(RangeBand.VeryLong, t.Snapshot.Band);
    }

    [Fact]
    public void A_salvo_launched_at_the_ship_stops_a_closing_order()
    {
        var t = Scenario.Start("scout", "patrol_corvette", band: RangeBand.Distant);
        var order = StandingHelmOrder.CloseToFiringRange(Side.One);
        var launched = false;

        RunOwnTurns(t, order, enemy =>
        {
            if (!launched)
            {
                enemy.Accept(new LaunchMissiles(Side.Two, 2), 6, 6);
                launched = true;
            }
            enemy.EndTurn();
        });

        Assert.False(order.IsActive);
        Assert.Equal(RangeBand.Distant, t.Snapshot.Band);
        Assert.True(SideActions.For(t.Snapshot, Side.One).Turrets[0].PointDefence.Single().IsAvailable);
    }

    [Fact]
    public void Opening_manoeuvres_each_turn_leaves_the_shooting_to_the_player_and_stops_at_its_band()
    {
        var t = Scenario.Start("scout", "free_trader", band: RangeBand.Medium);
        // The scout's pulse laser reaches Long, the trader's beam laser only Medium.
        Assert.Equal(RangeBand.Long, StandingHelmOrder.OutrangingBand(t.Snapshot, Side.One));
        Assert.Null(StandingHelmOrder.OutrangingBand(t.Snapshot, Side.Two));
        var order = StandingHelmOrder.Create(t.Snapshot, Side.One, ManoeuvreDirection.Open, RangeBand.Long, out _)!;
        Assert.Equal("Opening to Long range", order.Description);

        for (var turn = 1; turn <= 2; turn++)
        {
            Assert.Equal(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 2), order.Next(t.Snapshot));
            t.Accept(order.Next(t.Snapshot)!);
            // The pulse laser can fire: the turn is the player's.
            Assert.Null(order.Next(t.Snapshot));
            Assert.True(order.IsActive);
            t.EndTurn();
            t.EndTurn();
        }
        t.Accept(order.Next(t.Snapshot)!);
        Assert.Equal(RangeBand.Long, t.Snapshot.Band);
        Assert.Null(order.Next(t.Snapshot));
        Assert.False(order.IsActive);
        Assert.Equal("Reached Long range.", order.StoppedBecause);
    }

    [Fact]
    public void An_order_that_cannot_be_carried_out_is_refused_with_its_reason()
    {
        var adjacent = Scenario.Start("scout", "free_trader", band: RangeBand.Adjacent);
        Assert.Equal(RefusalReason.RangeLimit, StandingHelmOrder.CannotOrder(adjacent.Snapshot, Side.One, ManoeuvreDirection.Close, null)?.Reason);
        Assert.Equal(RefusalReason.NotYourTurn, StandingHelmOrder.CannotOrder(adjacent.Snapshot, Side.Two, ManoeuvreDirection.Open, RangeBand.Long)?.Reason);
        Assert.Equal(RefusalReason.RangeLimit, StandingHelmOrder.CannotOrder(adjacent.Snapshot, Side.One, ManoeuvreDirection.Open, RangeBand.Adjacent)?.Reason);
        Assert.Equal(RefusalReason.RangeLimit, StandingHelmOrder.CannotOrder(adjacent.Snapshot, Side.One, ManoeuvreDirection.Open, null)?.Reason);
        Assert.Equal(RefusalReason.InvalidCommand, StandingHelmOrder.CannotOrder(adjacent.Snapshot, Side.One, ManoeuvreDirection.Open, (RangeBand)99)?.Reason);
        Assert.Null(StandingHelmOrder.CannotOrder(adjacent.Snapshot, Side.One, ManoeuvreDirection.Open, RangeBand.Long));

        var stalled = Scenario.Start("scout", "free_trader");
        stalled.Battle.Tamper(Side.One, ship => ship.AddSeverity(CriticalLocation.MDrive, 5));
        Assert.Equal(RefusalReason.SystemDisabled, StandingHelmOrder.CannotOrder(stalled.Snapshot, Side.One, ManoeuvreDirection.Close, null)?.Reason);
    }

    [Fact]
    public void A_cancelled_order_gives_no_command()
    {
        var t = Scenario.Start("free_trader", "free_trader", band: RangeBand.Distant);
        var order = StandingHelmOrder.CloseToFiringRange(Side.One);
        order.Cancel();
        Assert.Null(order.Next(t.Snapshot));
        Assert.Null(order.StoppedBecause);
    }

    [Fact]
    public void An_order_stored_part_way_and_restored_carries_on_exactly_as_the_one_never_stored()
    {
        var whole = Scenario.Start("free_trader", "free_trader", band: RangeBand.Distant);
        var uninterrupted = StandingHelmOrder.CloseToFiringRange(Side.One);
        var turnsEnded = RunOwnTurns(whole, uninterrupted, Passive);

        var t = Scenario.Start("free_trader", "free_trader", band: RangeBand.Distant);
        var order = StandingHelmOrder.CloseToFiringRange(Side.One);
        var ownTurns = 0;
        while (ownTurns < 40)
        {
            var command = t.Snapshot.ActiveSide == Side.One ? order.Next(t.Snapshot)! : new EndTurn(Side.Two);
            ownTurns += command is EndTurn { Side: Side.One } ? 1 : 0;
            t.Accept(command);
        }
        var json = System.Text.Json.JsonSerializer.Serialize(order.State, BattleJson.Options);
        var restored = StandingHelmOrder.Restore(BattleJson.Read<StandingHelmOrderState>(json));

        Assert.Equal(order.State, restored.State);
        Assert.Equal(turnsEnded - ownTurns, RunOwnTurns(t, restored, Passive));
        Assert.Equal(uninterrupted.State, restored.State);
        Assert.Equal("A weapon can act: the helm is yours.", restored.StoppedBecause);
    }

    [Fact]
    public void A_stored_order_keeps_its_json_contract_and_one_of_another_format_is_not_restored()
    {
        var state = new StandingHelmOrderState(1, Side.Two, ManoeuvreDirection.Open, RangeBand.Long, false, "Reached Long range.", 12, -3000, 11, 5);
        const string json = """{"format":1,"side":"Two","direction":"Open","goal":"Long","isActive":false,"stoppedBecause":"Reached Long range.","lastTurn":12,"lastProgress":-3000,"handedBackTurn":11,"knownPossible":5}""";

        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(state, BattleJson.Options));
        Assert.Equal(state, StandingHelmOrder.Restore(BattleJson.Read<StandingHelmOrderState>(json)).State);
        Assert.Throws<InvalidDataException>(() => StandingHelmOrder.Restore(state with { Format = 2 }));
        Assert.Throws<InvalidDataException>(() => StandingHelmOrder.Restore(state with { Goal = null }));
    }
}
