using Orleans.Concurrency;
using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// The battle's viewers: one view per kind of viewer (seat One, seat Two, spectators), built once per change, and the
/// observers it is sent to. An observer that stops renewing its subscription (its server went away) is dropped.
/// </summary>
public sealed partial class BattleGrain
{
    private readonly Dictionary<IBattleObserver, (Side? Viewer, DateTimeOffset Until)> _observers = [];
    private readonly BattleView?[] _views = new BattleView?[3];
    private readonly BattleLogProjection _logs = new();
    private long _version;

    public Task SubscribeAsync(IBattleObserver observer, Side? viewer)
    {
        if (Exists)
        {
            Watch(observer, viewer, renewal: false);
        }
        return Task.CompletedTask;
    }

    public async Task RenewAsync((IBattleObserver Observer, Side? Viewer)[] observers, Side[] seats, string holder, TimeSpan leaseFor)
    {
        if (!Exists)
        {
            return;
        }
        foreach (var (observer, viewer) in observers ?? [])
        {
            if (observer is not null)
            {
                Watch(observer, viewer, renewal: true);
            }
        }
        foreach (var seat in seats ?? [])
        {
            await HoldSeatAsync(seat, holder, leaseFor);
        }
    }

    private void Watch(IBattleObserver observer, Side? viewer, bool renewal)
    {
        var known = _observers.ContainsKey(observer);
        _observers[observer] = (viewer, time.GetUtcNow() + _options.PresenceLease);
        if (renewal && !known)
        {
            // A renewing observer new to this activation may have missed changes: the battle came back on another node
            // (its node died or stopped) and did things since. Its circuits drop views they already have.
            _ = observer.OnBattleChanged(ViewFor(viewer).AsImmutable());
        }
    }

    public Task UnsubscribeAsync(IBattleObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    private BattleView ViewFor(Side? viewer)
    {
        var index = viewer switch { Side.One => 1, Side.Two => 2, _ => 0 };
        return _views[index] ??= BuildView(viewer);
    }

    /// <summary>The battle changed: a new version, and (unless only the server needs to know) every observer is sent it.</summary>
    private void Changed(bool notifyViewers)
    {
        _version++;
        Array.Clear(_views);
        if (!notifyViewers || _observers.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        List<IBattleObserver>? gone = null;
        foreach (var (observer, (viewer, until)) in _observers)
        {
            if (until < now)
            {
                (gone ??= []).Add(observer);
                continue;
            }
            try
            {
                _ = observer.OnBattleChanged(ViewFor(viewer).AsImmutable());
            }
            catch (Exception exception)
            {
                (gone ??= []).Add(observer);
                logger.LogWarning(exception, "Battle {BattleId}: an observer failed to take an update", _id);
            }
        }
        foreach (var observer in gone ?? [])
        {
            _observers.Remove(observer);
        }
    }

    private BattleView BuildView(Side? viewer)
    {
        var request = _request!;
        var snapshot = _play?.Snapshot;
        var outcome = Outcome;
        var phase = outcome is not null ? BattlePhase.Over : snapshot is null ? BattlePhase.WaitingForOpponent : BattlePhase.InProgress;
        var deadlines = phase == BattlePhase.InProgress ? _seats.Deadlines : BattleDeadlines.None;
        return new BattleView(_id, request.Opponent, phase, request.Ship, snapshot?.Two.Class.Id ?? request.EnemyShip, request.StartBand, snapshot, outcome,
            _play is null ? [] : _logs.For(_play.Log, viewer), deadlines.TurnEndsAt,
            _leases.IsHeld(Side.One), IsAiSeat(Side.Two) || _leases.IsHeld(Side.Two), _seats.RematchId, _seats.LastActivity, _version)
        {
            HelmOrderOne = _play?.HelmStatus(Side.One),
            HelmOrderTwo = _play?.HelmStatus(Side.Two),
            SeatOneForfeitsAt = deadlines.SeatOneForfeitsAt,
            SeatTwoForfeitsAt = deadlines.SeatTwoForfeitsAt,
        };
    }
}
