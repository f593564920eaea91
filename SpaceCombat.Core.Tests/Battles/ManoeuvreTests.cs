using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Tests.Battles;

public class ManoeuvreTests
{
    private static TestBattle AtLong() => Scenario.Start("patrol_corvette", "patrol_corvette", Side.One, RangeBand.Long);

    private static ManoeuvrePool Move(TestBattle t, Side side, ManoeuvreDirection direction, int thrust)
    {
        if (t.Snapshot.ActiveSide != side)
        {
            t.EndTurn();
        }
        return t.Accept(new Manoeuvre(side, direction, thrust)).Single<Manoeuvred>().Pool;
    }

    [Fact]
    public void Section5_ThrustInThePoolsDirectionIsAdded()
    {
        var t = AtLong();
        Assert.Equal(new ManoeuvrePool(ManoeuvreDirection.Close, 3), Move(t, Side.One, ManoeuvreDirection.Close, 3));
        Assert.Equal(new ManoeuvrePool(ManoeuvreDirection.Close, 5), Move(t, Side.Two, ManoeuvreDirection.Close, 2));
        Assert.Equal(new ManoeuvrePool(ManoeuvreDirection.Close, 5), t.Snapshot.Pool);
        Assert.Equal(RangeBand.Long, t.Snapshot.Band);
    }

    [Fact]
    public void Section5_ThrustAgainstThePoolIsTakenFromIt()
    {
        var t = AtLong();
        Move(t, Side.One, ManoeuvreDirection.Close, 4);
        Assert.Equal(new ManoeuvrePool(ManoeuvreDirection.Close, 1), Move(t, Side.Two, ManoeuvreDirection.Open, 3));
        Assert.True(Move(t, Side.One, ManoeuvreDirection.Open, 1).IsEmpty);
    }

    [Fact]
    public void Section5_MoreThanThePoolHoldsTurnsItWithTheRemainder()
    {
        var t = AtLong();
        Move(t, Side.One, ManoeuvreDirection.Close, 2);
        Assert.Equal(new ManoeuvrePool(ManoeuvreDirection.Open, 2), Move(t, Side.Two, ManoeuvreDirection.Open, 4));
        Assert.Equal(new ManoeuvrePool(ManoeuvreDirection.Close, 1), Move(t, Side.One, ManoeuvreDirection.Close, 3));
    }

    [Fact]
    public void Section5_ReachingTheCurrentBandsThrustMovesOneBandAndEmptiesThePoolExcessLost()
    {
        var t = Scenario.Start("patrol_corvette", "patrol_corvette", Side.One, RangeBand.Short);
        var moved = t.Accept(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 4)).Single<Manoeuvred>();
        Assert.Equal((RangeBand.Short, RangeBand.Close), (moved.From, moved.To));
        Assert.True(t.Snapshot.Pool.IsEmpty);
        Assert.Equal(RangeBand.Close, t.Snapshot.Band);
        t.EndTurn();
        t.Accept(new Manoeuvre(Side.Two, ManoeuvreDirection.Open, 1));
        Assert.Equal(RangeBand.Short, t.Snapshot.Band);
    }

    [Fact]
    public void Section5_AtDistantOpeningIsRefusedExceptToCancelAPoolClosingIn()
    {
        var t = Scenario.Start("patrol_corvette", "patrol_corvette", Side.One, RangeBand.Distant);
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 1), RefusalReason.RangeLimit);
        Move(t, Side.One, ManoeuvreDirection.Close, 4);
        Move(t, Side.Two, ManoeuvreDirection.Close, 2);
        Assert.Equal(new ManoeuvrePool(ManoeuvreDirection.Close, 3), Move(t, Side.One, ManoeuvreDirection.Open, 3)); // resisting: 6 − 3
        t.EndTurn();
        Assert.True(t.Accept(new Manoeuvre(Side.Two, ManoeuvreDirection.Open, 4)).Single<Manoeuvred>().Pool.IsEmpty); // excess lost, no flip
        Assert.Equal(RangeBand.Distant, t.Snapshot.Band);
        t.EndTurn();
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 1), RefusalReason.RangeLimit);
    }

    [Fact]
    public void Section5_AtAdjacentClosingIsRefused()
    {
        var t = Scenario.Start("patrol_corvette", "patrol_corvette", Side.One, RangeBand.Adjacent);
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 4), RefusalReason.RangeLimit);
        t.Accept(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 1));
        Assert.Equal(RangeBand.Close, t.Snapshot.Band);
    }

    [Fact]
    public void Section5_OneManoeuvrePerTurnAndUnspentThrustIsLostButThePoolStays()
    {
        var t = AtLong();
        Move(t, Side.One, ManoeuvreDirection.Close, 2);
        Assert.True(t.Snapshot.ActiveSideHasManoeuvred);
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 2), RefusalReason.AlreadyManoeuvred);
        t.EndTurn();
        Assert.False(t.Snapshot.ActiveSideHasManoeuvred);
        t.EndTurn();
        Assert.Equal(new ManoeuvrePool(ManoeuvreDirection.Close, 2), t.Snapshot.Pool); // the pool persists
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 5), RefusalReason.InvalidThrust); // the unspent 2 was not banked
        Assert.Equal(new ManoeuvrePool(ManoeuvreDirection.Close, 6), Move(t, Side.One, ManoeuvreDirection.Close, 4));
    }

    [Theory]
    [InlineData(CriticalLocation.MDrive, 1, 2)]
    [InlineData(CriticalLocation.PowerPlant, 1, 2)]
    [InlineData(CriticalLocation.MDrive, 2, 1)]
    public void Section5_ThrustIsReducedByDriveAndPowerPlantCriticals(CriticalLocation location, int severity, int thrust)
    {
        var rig = new CriticalRig();
        rig.Inflict(location, severity);
        rig.CruiserTurn();
        Assert.Equal(thrust, rig.T.Snapshot.Two.Thrust);
        rig.T.Refuse(new Manoeuvre(Side.Two, ManoeuvreDirection.Open, thrust + 1), RefusalReason.InvalidThrust);
        rig.T.Accept(new Manoeuvre(Side.Two, ManoeuvreDirection.Open, thrust));
    }
}
