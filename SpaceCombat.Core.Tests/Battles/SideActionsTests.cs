using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Tests.Battles;

/// <summary>A snapshot keeps each side's options once made; the cache is no part of the snapshot's value.</summary>
public class SideActionsTests
{
    [Fact]
    public void A_snapshots_options_are_made_once_per_side_and_leave_its_value_unchanged()
    {
        var snapshot = Scenario.Start("scout", "free_trader", band: RangeBand.Short).Snapshot;
        var twin = snapshot with { };

        var one = SideActions.For(snapshot, Side.One);

        Assert.Same(one, SideActions.For(snapshot, Side.One));
        Assert.NotSame(one, SideActions.For(snapshot, Side.Two));
        Assert.Equal(Side.Two, SideActions.For(snapshot, Side.Two).Side);
        Assert.Equal(twin, snapshot);
        Assert.Equal(twin.GetHashCode(), snapshot.GetHashCode());
    }

    [Fact]
    public void A_copy_made_with_with_gets_its_own_options()
    {
        var snapshot = Scenario.Start("scout", "free_trader", first: Side.One, band: RangeBand.Short).Snapshot;
        var mine = SideActions.For(snapshot, Side.One);

        var copy = snapshot with { ActiveSide = Side.Two };
        var copied = SideActions.For(copy, Side.One);

        Assert.NotSame(mine, copied);
        Assert.Same(copy, copied.Snapshot);
        Assert.True(mine.CanAct);
        Assert.False(copied.CanAct);
        Assert.Same(mine, SideActions.For(snapshot, Side.One));
    }
}
