using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>Standing helm orders are kept and run by the battle's host, per seat, whatever the player's tab does.</summary>
public sealed class HelmOrderHostTests : IDisposable
{
    private readonly BattleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Closing_from_Distant_against_the_AI_runs_on_the_server_until_a_weapon_can_reach()
    {
        var (grant, _) = await _host.Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "free_trader", "free_trader", RangeBand.Distant));
        var view = (await _host.Registry.GetAsync(grant!.BattleId))!;
        Assert.Equal(Side.One, view.Snapshot!.ActiveSide);

        var reply = await _host.Registry.ExecuteAsync(grant.BattleId, grant.Token, new SetHelmOrder(Side.One, HelmOrderKind.CloseToFiringRange));

        Assert.True(reply.Accepted, reply.Message);
        view = (await _host.Registry.GetAsync(grant.BattleId))!;
        Assert.Equal(RangeBand.Medium, view.Snapshot!.Band);
        Assert.Equal(Side.One, view.Snapshot.ActiveSide);
        Assert.Null(view.HelmOrderOne!.Standing);
        Assert.Equal("A weapon can act: the helm is yours.", view.HelmOrderOne.Ended);
        Assert.True(SideActions.For(view.Snapshot, Side.One).Turrets[0].FireBest!.IsAvailable);
        Assert.Contains(view.Log, e => e is Manoeuvred { Side: Side.One });
        Assert.Contains(view.Log, e => e is TurnEnded { Side: Side.One, Reason: TurnEndReason.EndTurn });

        // The next action dismisses the notice.
        Assert.True((await _host.Registry.ExecuteAsync(grant.BattleId, grant.Token, new FireLasers(Side.One, 0))).Accepted);
        Assert.Null((await _host.Registry.GetAsync(grant.BattleId))!.HelmOrderOne);
    }

    [Fact]
    public async Task An_order_given_while_something_can_be_done_manoeuvres_and_leaves_the_turn_to_the_player_until_cancelled()
    {
        var (grant, _) = await _host.Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "scout", "free_trader", RangeBand.Long));
        var view = (await _host.Registry.GetAsync(grant!.BattleId))!;
        var turn = view.Snapshot!.TurnNumber;

        Assert.True((await _host.Registry.ExecuteAsync(grant.BattleId, grant.Token, new SetHelmOrder(Side.One, HelmOrderKind.CloseToFiringRange))).Accepted);

        view = (await _host.Registry.GetAsync(grant.BattleId))!;
        Assert.Equal(turn, view.Snapshot!.TurnNumber);
        Assert.True(view.Snapshot.ActiveSideHasManoeuvred);
        Assert.Equal("Closing to firing range", view.HelmOrderOne!.Standing);

        Assert.True((await _host.Registry.ExecuteAsync(grant.BattleId, grant.Token, new SetHelmOrder(Side.One, HelmOrderKind.Cancel))).Accepted);
        Assert.Null((await _host.Registry.GetAsync(grant.BattleId))!.HelmOrderOne);
    }

    [Fact]
    public async Task An_order_that_cannot_be_carried_out_is_refused_and_changes_nothing()
    {
        var (grant, _) = await _host.Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "scout", "free_trader", RangeBand.Adjacent));
        var before = (await _host.Registry.GetAsync(grant!.BattleId))!.Snapshot!.Version;

        var close = await _host.Registry.ExecuteAsync(grant.BattleId, grant.Token, new SetHelmOrder(Side.One, HelmOrderKind.CloseToFiringRange));
        var open = await _host.Registry.ExecuteAsync(grant.BattleId, grant.Token, new SetHelmOrder(Side.One, HelmOrderKind.OpenToRange, RangeBand.Adjacent));
        var bogus = await _host.Registry.ExecuteAsync(grant.BattleId, grant.Token, new SetHelmOrder(Side.One, (HelmOrderKind)42));

        Assert.Contains("already Adjacent", close.Message);
        Assert.False(open.Accepted);
        Assert.False(bogus.Accepted);
        var after = (await _host.Registry.GetAsync(grant.BattleId))!;
        Assert.Equal(before, after.Snapshot!.Version);
        Assert.Null(after.HelmOrderOne);
    }
}
