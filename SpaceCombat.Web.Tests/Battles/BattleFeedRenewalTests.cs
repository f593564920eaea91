using System.Collections.Concurrent;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles.Grains;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// A battle whose node died or stopped comes back in a new activation (on another node) that knows none of the
/// observers the web servers hold: what it does before a server renews its observer must still reach that server's
/// pages, at the renewal.
/// </summary>
public sealed class BattleFeedRenewalTests : IDisposable
{
    private readonly BattleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_page_whose_battle_came_back_in_a_new_activation_is_sent_what_it_missed_at_the_next_renewal()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        using var seen = await _host.WatchAsync(one.BattleId, Side.One);
        // The battle lived on a node that died: it comes back in a new activation that knows no observer, and moves on.
        var before = await _host.EndTurnInNewActivationAsync(one, two);
        Assert.Empty(seen.Views);

        await _host.Silo.Feed.RenewAsync();

        var caughtUp = await seen.NextAsync(_ => true);
        Assert.Equal(before.TurnNumber + 1, caughtUp.Snapshot!.TurnNumber);
    }

    [Fact]
    public async Task Renewing_an_observer_the_battle_already_knows_sends_nothing()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        using var seen = await _host.WatchAsync(one.BattleId, Side.One);

        await _host.Silo.Feed.RenewAsync();
        await _host.Silo.Feed.RenewAsync();

        // A later change is the first thing the page is sent.
        await _host.Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: true);
        var first = await seen.NextAsync(_ => true);
        Assert.True(first.SeatOneConnected);
        Assert.Single(seen.Views);
    }

    [Fact]
    public async Task A_renewal_is_one_call_per_battle_carrying_its_observers_and_seats()
    {
        var calls = new BattleCalls();
        using var host = new BattleTestHost(o => o.PresenceLease = TimeSpan.FromSeconds(30), configureSilo: silo => silo.AddIncomingGrainCallFilter(calls.Invoke));
        var (one, _) = await host.StartPersonBattleAsync();
        var (other, _) = await host.StartPersonBattleAsync();
        using var seenOne = await host.WatchAsync(one.BattleId, Side.One);
        using var seenTwo = await host.WatchAsync(one.BattleId, Side.Two);
        using var seenOther = await host.WatchAsync(other.BattleId, Side.One);
        foreach (var side in (Side[])[Side.One, Side.Two])
        {
            await host.Registry.SeatPresenceAsync(one.BattleId, side, connected: true);
        }
        await host.Registry.SeatPresenceAsync(other.BattleId, Side.One, connected: true);
        calls.Clear();

        await host.Silo.Feed.RenewAsync();

        (string, string)[] onePerBattle = [(one.BattleId, nameof(IBattleGrain.RenewAsync)), (other.BattleId, nameof(IBattleGrain.RenewAsync))];
        Assert.Equal(onePerBattle.Order(), calls.Seen.Order());
        // What it carried held: 50 s after the seats were first taken (past their first 30-s lease), both are still held.
        host.Time.Advance(TimeSpan.FromSeconds(20));
        await host.Silo.Feed.RenewAsync();
        host.Time.Advance(TimeSpan.FromSeconds(20));
        var view = (await host.Registry.GetAsync(one.BattleId))!;
        Assert.True(view.SeatOneConnected);
        Assert.True(view.SeatTwoConnected);
    }

    /// <summary>The battle grains' calls the silo took: battle code and method.</summary>
    private sealed class BattleCalls
    {
        private readonly ConcurrentQueue<(string Battle, string Method)> _seen = new();

        public IEnumerable<(string Battle, string Method)> Seen => _seen;

        public void Clear() => _seen.Clear();

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType == typeof(IBattleGrain))
            {
                _seen.Enqueue((context.TargetId.Key.ToString()!, context.InterfaceMethod.Name));
            }
            await context.Invoke();
        }
    }
}
