using Orleans.Concurrency;
using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// One battle, keyed by its code: the single writer of its state. Values cross as <see cref="Immutable{T}"/> or
/// [Immutable] records: nothing here is changed after it is sent, so Orleans need not copy it.
/// </summary>
public interface IBattleGrain : IGrainWithStringKey
{
    /// <summary>Opens a battle whose code the journal has just reserved; see <see cref="BattleOpener"/>.</summary>
    Task<SeatOffer> OpenAsync(NewBattleRequest request, string? knownSecondShip);

    Task<SeatOffer> JoinAsync(string shipId);

    /// <summary>The battle as <paramref name="viewer"/> (null: a spectator) may see it; null when there is no such battle.</summary>
    Task<Immutable<BattleView>?> ViewAsync(Side? viewer);

    Task<Side?> SeatForAsync(string? token);

    Task<Immutable<ActionReply>> ExecuteAsync(string? token, Immutable<BattleCommand> command);

    /// <summary>A web server's pages hold the seat until <paramref name="leaseFor"/> from now unless renewed.</summary>
    Task HoldSeatAsync(Side side, string holder, TimeSpan leaseFor);

    Task ReleaseSeatAsync(Side side, string holder);

    Task<RematchOffer> RematchAsync(string? token);

    /// <summary>Sends every change, as <paramref name="viewer"/> may see it, until the observer stops renewing this (<see cref="RenewAsync"/>).</summary>
    Task SubscribeAsync(IBattleObserver observer, Side? viewer);

    /// <summary>
    /// One web server's renewal of all it holds of this battle, in one call: its observers' subscriptions and its
    /// seats' leases (until <paramref name="leaseFor"/> from now). An observer this activation has not heard of (the
    /// battle came back on another node) is sent the battle as it is now, as changes may have been missed.
    /// </summary>
    Task RenewAsync((IBattleObserver Observer, Side? Viewer)[] observers, Side[] seats, string holder, TimeSpan leaseFor);

    Task UnsubscribeAsync(IBattleObserver observer);

    Task<BattleSummary?> SummariseAsync();

    /// <summary>Ends the battle as abandoned and forgets it (an operator); false when there is no such battle.</summary>
    Task<bool> EndAsync();

    /// <summary>Ends and forgets the battle when nobody has acted in it for the inactivity timeout; true when it did.</summary>
    Task<bool> PruneIfInactiveAsync();
}

/// <summary>Receives a battle's views (held by the web server that shows the battle). One-way: a slow page never holds the battle.</summary>
public interface IBattleObserver : IGrainObserver
{
    [OneWay]
    Task OnBattleChanged(Immutable<BattleView> view);
}

[Immutable]
public sealed record SeatOffer(SeatGrant? Grant, string? Problem, SeatGrant? Second = null);

[Immutable]
public sealed record RematchOffer(string? BattleId, string? Token);
