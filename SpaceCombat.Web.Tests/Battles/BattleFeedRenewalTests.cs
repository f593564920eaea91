using SpaceCombat.Core.Battles;

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
}
