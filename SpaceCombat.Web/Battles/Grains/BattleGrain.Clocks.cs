using Orleans.Concurrency;
using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// The battle's clocks: the turn timer, each seat's reconnect grace and the seat leases. The deadlines are state in
/// <see cref="BattleSeats.Deadlines"/> (stored with the battle); the grain timers are only their alarms, re-armed from
/// the deadlines on every change and on activation, so a deadline passed while no server ran is applied at once.
/// </summary>
public sealed partial class BattleGrain
{
    private IGrainTimer? _turnAlarm;
    private int _turnAlarmFor;
    private readonly IGrainTimer?[] _forfeitAlarms = new IGrainTimer?[2];
    private readonly DateTimeOffset?[] _forfeitAlarmsAt = new DateTimeOffset?[2];
    private readonly int[] _forfeitAlarmNumbers = new int[2];
    private IGrainTimer? _leaseAlarm;
    private DateTimeOffset? _leaseAlarmAt;
    private int _leaseAlarmNumber;

    public async Task HoldSeatAsync(Side side, string holder, TimeSpan leaseFor)
    {
        if (!Exists || !Enum.IsDefined(side) || IsAiSeat(side))
        {
            return;
        }
        var now = time.GetUtcNow();
        var arrived = _leases.Grant(side, holder, now + leaseFor);
        ArmLeaseAlarm();
        if (!arrived)
        {
            return;
        }
        // A player opening the battle is activity: it is not abandoned while its page is coming up.
        _seats = _seats with { LastActivity = now, Deadlines = _seats.Deadlines.WithForfeit(side, null) };
        _seatsChanged = true;
        // Pages show a seat returning during play; anything else would re-render every HUD for nothing.
        await CommitAsync(notifyViewers: InPlay);
    }

    public async Task ReleaseSeatAsync(Side side, string holder)
    {
        if (!Exists || !Enum.IsDefined(side) || !_leases.Release(side, holder))
        {
            return;
        }
        ArmLeaseAlarm();
        await SeatLeftAsync(side);
    }

    /// <summary>On activation: a seat nobody holds in a battle in play has its grace running (its pages went with the server).</summary>
    private void StartGraceForAbsentSeats()
    {
        if (!InPlay)
        {
            return;
        }
        foreach (var side in (ReadOnlySpan<Side>)[Side.One, Side.Two])
        {
            if (!IsAiSeat(side) && _seats.Token(side) is not null && !_leases.IsHeld(side) && _seats.Deadlines.ForfeitsAt(side) is null)
            {
                _seats = _seats with { Deadlines = _seats.Deadlines.WithForfeit(side, time.GetUtcNow() + _options.ReconnectGrace) };
                _seatsChanged = true;
            }
        }
    }

    private async Task SeatLeftAsync(Side side)
    {
        if (!InPlay || _seats.Token(side) is null)
        {
            return;
        }
        _seats = _seats with { Deadlines = _seats.Deadlines.WithForfeit(side, time.GetUtcNow() + _options.ReconnectGrace) };
        _seatsChanged = true;
        await CommitAsync();
    }

    /// <summary>Brings the deadlines up to date with the battle (a new turn has a new deadline; an ended battle none) and arms their alarms.</summary>
    private void RearmClocks()
    {
        if (!InPlay)
        {
            if (_seats.Deadlines != BattleDeadlines.None)
            {
                _seats = _seats with { Deadlines = BattleDeadlines.None };
                _seatsChanged = true;
            }
            StopClocks();
            return;
        }
        var snapshot = _play!.Snapshot;
        if (snapshot.TurnNumber != _seats.Deadlines.TimedTurn)
        {
            _seats = _seats with
            {
                Deadlines = _seats.Deadlines with { TimedTurn = snapshot.TurnNumber, TimedSide = snapshot.ActiveSide, TurnEndsAt = time.GetUtcNow() + _options.TurnTimer },
            };
            _seatsChanged = true;
        }
        var deadlines = _seats.Deadlines;
        if (_turnAlarm is null || _turnAlarmFor != deadlines.TimedTurn)
        {
            // One alarm for the activation, moved to each turn's deadline: a new grain timer per turn was a timer, its
            // registration and its delegate (≈ 450 bytes) made at every turn of every battle, and kept for the turn.
            _turnAlarmFor = deadlines.TimedTurn;
            if (_turnAlarm is null)
            {
                _turnAlarm = Alarm(deadlines.TurnEndsAt!.Value, static (grain, cancellationToken) => grain.OnTurnAlarmAsync(cancellationToken), this);
            }
            else
            {
                _turnAlarm.Change(WaitUntil(deadlines.TurnEndsAt!.Value), Timeout.InfiniteTimeSpan);
            }
        }
        foreach (var side in (ReadOnlySpan<Side>)[Side.One, Side.Two])
        {
            var index = side == Side.One ? 0 : 1;
            var at = deadlines.ForfeitsAt(side);
            if (_forfeitAlarmsAt[index] == at)
            {
                continue;
            }
            _forfeitAlarms[index]?.Dispose();
            _forfeitAlarms[index] = at is { } due ? Alarm(due, OnForfeitAlarmAsync, (side, ++_forfeitAlarmNumbers[index])) : null;
            _forfeitAlarmsAt[index] = at;
        }
    }

    /// <summary>
    /// On activation: a deadline that passed while no server ran is applied before the activation answers its first
    /// call, so whoever brought the battle back (the start-up revival, a page) sees it applied, not an alarm still to ring.
    /// </summary>
    private async Task ApplyPassedDeadlinesAsync()
    {
        if (InPlay && _seats.Deadlines.TurnEndsAt is { } turnEndsAt && turnEndsAt <= time.GetUtcNow())
        {
            await OnTurnDeadlineAsync(_seats.Deadlines.TimedTurn, CancellationToken.None);
        }
        foreach (var side in Enum.GetValues<Side>())
        {
            if (InPlay && _seats.Deadlines.ForfeitsAt(side) is { } forfeitsAt && forfeitsAt <= time.GetUtcNow())
            {
                await OnForfeitDeadlineAsync(side, CancellationToken.None);
            }
        }
    }

    private void StopClocks()
    {
        _turnAlarm?.Dispose();
        _turnAlarm = null;
        _turnAlarmFor = 0;
        for (var index = 0; index < 2; index++)
        {
            _forfeitAlarms[index]?.Dispose();
            _forfeitAlarms[index] = null;
            _forfeitAlarmsAt[index] = null;
        }
    }

    private void ArmLeaseAlarm()
    {
        var next = _leases.NextExpiry();
        // A renewal (every third of a lease, for every seat) only moves the next expiry later: the alarm armed for the
        // earlier one stays, rings, finds nothing expired and arms itself for the expiry then next. A new grain timer
        // per renewal was 200 registrations a second at 1,000 battles.
        if (next == _leaseAlarmAt || (next is { } due && _leaseAlarmAt is { } armed && armed <= due))
        {
            return;
        }
        _leaseAlarm?.Dispose();
        _leaseAlarm = next is { } at ? Alarm(at, OnLeaseExpiryAsync, ++_leaseAlarmNumber) : null;
        _leaseAlarmAt = next;
    }

    private IGrainTimer Alarm<TState>(DateTimeOffset due, Func<TState, CancellationToken, Task> ring, TState state) =>
        // KeepAlive: a battle waiting on a deadline stays active to apply it on time.
        this.RegisterGrainTimer(ring, state, new GrainTimerCreationOptions
        {
            DueTime = WaitUntil(due),
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });

    private TimeSpan WaitUntil(DateTimeOffset due)
    {
        var wait = due - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>
    /// The turn alarm rang: the turn in play runs out if its deadline has passed. A ring ahead of the deadline (one
    /// queued before the alarm moved to a later turn, or a timer a millisecond ahead of the clock) moves the alarm to it.
    /// </summary>
    private Task OnTurnAlarmAsync(CancellationToken cancellationToken)
    {
        if (!InPlay || _seats.Deadlines.TurnEndsAt is not { } endsAt)
        {
            return Task.CompletedTask;
        }
        if (endsAt > time.GetUtcNow())
        {
            _turnAlarm?.Change(WaitUntil(endsAt), Timeout.InfiniteTimeSpan);
            return Task.CompletedTask;
        }
        return OnTurnDeadlineAsync(_seats.Deadlines.TimedTurn, cancellationToken);
    }

    private async Task OnTurnDeadlineAsync(int turn, CancellationToken cancellationToken)
    {
        if (!InPlay || _play!.Snapshot.TurnNumber != turn || _play.Snapshot.ActiveSide is not { } side)
        {
            return;
        }
        if (_play.Impose(new ExpireTurn(side, turn)).Accepted)
        {
            Log.TurnRanOut(logger, _id, turn, side);
            await CommitAsync();
        }
    }

    private Task OnForfeitAlarmAsync((Side Side, int Number) alarm, CancellationToken cancellationToken)
    {
        var index = alarm.Side == Side.One ? 0 : 1;
        if (alarm.Number != _forfeitAlarmNumbers[index])
        {
            return Task.CompletedTask; // a tick of an alarm replaced after it was queued: the new one is still armed
        }
        // Rung: it leaves the activation's timers (a one-shot timer stays registered until disposed).
        _forfeitAlarms[index]?.Dispose();
        _forfeitAlarms[index] = null;
        _forfeitAlarmsAt[index] = null;
        return OnForfeitDeadlineAsync(alarm.Side, cancellationToken);
    }

    /// <summary>Forfeits the seat if its reconnect grace has run out and nobody holds it (its alarm rang, or on activation).</summary>
    private async Task OnForfeitDeadlineAsync(Side side, CancellationToken cancellationToken)
    {
        if (!InPlay || _leases.IsHeld(side) || _seats.Deadlines.ForfeitsAt(side) is not { } at || at > time.GetUtcNow())
        {
            return;
        }
        _play!.Impose(new Forfeit(side));
        Log.Forfeited(logger, _id, side, _options.ReconnectGrace);
        await CommitAsync();
    }

    private async Task OnLeaseExpiryAsync(int alarm, CancellationToken cancellationToken)
    {
        if (alarm != _leaseAlarmNumber)
        {
            return; // a tick of an alarm replaced after it was queued
        }
        // Rung: it leaves the activation's timers (a one-shot timer stays registered until disposed).
        _leaseAlarm?.Dispose();
        _leaseAlarm = null;
        _leaseAlarmAt = null;
        var emptied = _leases.Expire(time.GetUtcNow());
        ArmLeaseAlarm();
        foreach (var side in emptied)
        {
            await SeatLeftAsync(side);
        }
        ReviewWatchers(watcherLapsed: true);
    }

    private bool IsAiSeat(Side side) => side == Side.Two && _request?.Opponent == OpponentKind.Ai;
}
