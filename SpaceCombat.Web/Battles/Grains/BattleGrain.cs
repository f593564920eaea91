using Orleans.Concurrency;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Web.Battles.Journal;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// One battle as an Orleans grain: Orleans runs one call at a time, so this is the battle's single writer. The game
/// is in <see cref="BattlePlay"/>, the seats and clocks in <see cref="BattleSeats"/>, who is present in
/// <see cref="SeatLeases"/>. Every change is written to the journal before any viewer or caller is told (write-ahead);
/// an activation reads the battle back from the journal and re-arms its clocks (BattleGrain.Clocks.cs), views go
/// to the observers as each viewer may see them (BattleGrain.Viewers.cs), and an ended battle nobody watches leaves
/// memory until it is called again (BattleGrain.Memory.cs).
/// </summary>
public sealed partial class BattleGrain(
    IBattleJournal journal,
    BattleOpener opener,
    IDice dice,
    TimeProvider time,
    IOptions<SpaceCombatOptions> options,
    SpaceCombatMetrics metrics,
    ILogger<BattleGrain> logger) : Grain, IBattleGrain
{
    private readonly SpaceCombatOptions _options = options.Value;
    private readonly SeatLeases _leases = new();
    private string _id = "";
    private NewBattleRequest? _request;
    private BattleSeats _seats = BattleSeats.Empty;
    private BattlePlay? _play;
    private bool _openingStored;
    private bool _seatsChanged;
    private bool _forgotten;
    private BattleEndMark? _endMark;
    private bool _endMarkStored;

    private bool Exists => _request is not null;

    private BattleOutcome? Outcome => _play?.Snapshot.Outcome ?? (_seats.AbandonedWhileWaiting ? new BattleOutcome(null, BattleEndReason.Abandoned, 0) : null);

    private bool InPlay => _play is { Snapshot.Outcome: null };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _id = this.GetPrimaryKeyString();
        _version = time.GetUtcNow().UtcTicks;
        await LoadAsync();
    }

    /// <summary>
    /// Reads the battle back from the journal; when there is none (or only its retained record: it ended and left the
    /// live list), answers "none" until Orleans collects the idle activation.
    /// </summary>
    private async Task LoadAsync()
    {
        if (await journal.ReadAsync(_id) is not { IsRetained: false } record)
        {
            return;
        }
        _request = record.Request;
        _endMark = record.Ended;
        _endMarkStored = record.Ended is not null;
        // A battle reserved but not yet opened has written no activity: it counts as active since its reservation, so
        // a pruning pass that reaches it before its opening leaves it for its creator.
        _seats = record.Seats.LastActivity == DateTimeOffset.MinValue ? record.Seats with { LastActivity = record.LastWrite } : record.Seats;
        if (record.Opening is not null)
        {
            _play = BattlePlay.Restore(record.Opening, record.Entries, ReadableHelmOrders(record.Seats.HelmOrders), dice, _options, metrics);
            _openingStored = true;
            Log.Restored(logger, _id, record.Entries.Count, _play.Snapshot.Round);
        }
        // Ended before the journal kept end marks: marked now (by the StoreAsync below), as of its last write.
        MarkEnd(record.LastWrite);
        StartGraceForAbsentSeats();
        await ApplyPassedDeadlinesAsync();
        RearmClocks();
        // The AI may have played on from where the journal stopped (a crash in the middle of its turn).
        await StoreAsync();
    }

    /// <summary>A stored helm order this version cannot read is dropped (its seat takes the helm back) rather than the battle lost.</summary>
    private IReadOnlyList<StandingHelmOrderState>? ReadableHelmOrders(IReadOnlyList<StandingHelmOrderState>? kept)
    {
        foreach (var unreadable in kept?.Where(o => o.Validate() is not null) ?? [])
        {
            Log.HelmOrderDropped(logger, _id, unreadable.Side, unreadable.Validate()!);
        }
        return kept?.Where(o => o.Validate() is null).ToArray();
    }

    public async Task<SeatOffer> OpenAsync(NewBattleRequest request, string? knownSecondShip)
    {
        if (!Exists)
        {
            // Activated by a look-up of the code before it was reserved.
            await LoadAsync();
        }
        // An activation that forgot its battle is on its way out: it never opens another over that one's clocks,
        // leases and viewers.
        if (_forgotten || !Exists || _seats.TokenOne is not null)
        {
            return new SeatOffer(null, "That battle code is not free.");
        }
        _seats = _seats with { TokenOne = BattleCodes.NewSeatToken(), LastActivity = time.GetUtcNow() };
        var creator = new SeatGrant(_id, Side.One, _seats.TokenOne!);
        SeatGrant? second = null;
        if (_request!.Opponent == OpponentKind.Ai)
        {
            StartPlay(_request.EnemyShip!);
        }
        else if (knownSecondShip is not null)
        {
            _seats = _seats with { TokenTwo = BattleCodes.NewSeatToken() };
            second = new SeatGrant(_id, Side.Two, _seats.TokenTwo!);
            StartPlay(knownSecondShip);
        }
        _seatsChanged = true;
        await CommitAsync();
        return new SeatOffer(creator, null, second);
    }

    public async Task<SeatOffer> JoinAsync(string shipId)
    {
        if (!Exists)
        {
            return new SeatOffer(null, NoSuchBattle);
        }
        if (!Core.Ships.ShipRoster.TryGet(shipId, out var ship))
        {
            return new SeatOffer(null, $"Unknown ship '{shipId}'.");
        }
        if (_request!.Opponent == OpponentKind.Ai)
        {
            return new SeatOffer(null, "This is a battle against the AI: it cannot be joined, only watched.");
        }
        if (_seats.TokenTwo is not null || _seats.AbandonedWhileWaiting)
        {
            return new SeatOffer(null, "Both seats of this battle are taken: you can watch it as a spectator.");
        }
        _seats = _seats with { TokenTwo = BattleCodes.NewSeatToken(), LastActivity = time.GetUtcNow() };
        _seatsChanged = true;
        StartPlay(ship.Id);
        await CommitAsync();
        return new SeatOffer(new SeatGrant(_id, Side.Two, _seats.TokenTwo!), null);
    }

    public Task<Immutable<BattleView>?> ViewAsync(Side? viewer) =>
        Task.FromResult<Immutable<BattleView>?>(Exists ? ViewFor(viewer).AsImmutable() : null);

    public Task<Side?> SeatForAsync(string? token) => Task.FromResult(Exists ? _seats.SeatFor(token) : null);

    public async Task<Immutable<ActionReply>> ExecuteAsync(string? token, Immutable<BattleCommand> command)
    {
        var started = Stopwatch.GetTimestamp();
        if (!Exists)
        {
            return ActionReply.Refused(NoSuchBattle).AsImmutable();
        }
        if (_seats.SeatFor(token) is not { } side)
        {
            return ActionReply.Refused("Spectators cannot act: you do not hold a seat in this battle.").AsImmutable();
        }
        if (_play is null)
        {
            return ActionReply.Refused("The battle has not started: waiting for an opponent.").AsImmutable();
        }
        var result = _play.Execute(command.Value with { Side = side });
        if (!result.Accepted)
        {
            return ActionReply.Refused(result.Refusal!.Message).AsImmutable();
        }
        _seats = _seats with { LastActivity = time.GetUtcNow() };
        _seatsChanged = true;
        await CommitAsync();
        metrics.RecordCommandLatency(Stopwatch.GetElapsedTime(started));
        return (ActionReply.Ok(result.Events) with { View = ViewFor(side) }).AsImmutable();
    }

    public async Task<RematchOffer> RematchAsync(string? token)
    {
        if (!Exists || _seats.SeatFor(token) is not { } side || _play?.Snapshot.Outcome is null)
        {
            return new RematchOffer(null, null);
        }
        if (_seats.RematchId is null)
        {
            var offer = await opener.OpenAsync(_request!, _request!.Opponent == OpponentKind.Person ? _play.Snapshot.Two.Class.Id : null);
            if (offer.Grant is null)
            {
                return new RematchOffer(null, null);
            }
            _seats = _seats with
            {
                RematchId = offer.Grant.BattleId,
                RematchTokenOne = offer.Grant.Token,
                RematchTokenTwo = _seats.TokenTwo is null ? null : offer.Second?.Token,
            };
            _seatsChanged = true;
            await CommitAsync();
        }
        return new RematchOffer(_seats.RematchId, _seats.RematchToken(side));
    }

    public Task<BattleSummary?> SummariseAsync()
    {
        if (!Exists)
        {
            return Task.FromResult<BattleSummary?>(null);
        }
        var view = ViewFor(null);
        return Task.FromResult<BattleSummary?>(new BattleSummary(_id, _request!.Opponent, view.Phase, view.ShipOne, view.ShipTwo, view.Snapshot?.Round ?? 0,
            (view.SeatOneConnected ? 1 : 0) + (view.SeatTwoConnected && _request.Opponent == OpponentKind.Person ? 1 : 0),
            time.GetUtcNow() - _seats.LastActivity) { Node = _options.Cluster.NodeId, Outcome = view.Outcome, EndedAt = _endMark?.At });
    }

    public async Task<bool> EndAsync()
    {
        if (!Exists)
        {
            return false;
        }
        await AbandonAsync();
        await ForgetAsync();
        Log.EndedByOperator(logger, _id);
        return true;
    }

    public async Task<bool> PruneIfInactiveAsync()
    {
        var inactive = time.GetUtcNow() - _seats.LastActivity;
        if (!Exists || inactive < _options.CombatInactiveTimeout)
        {
            return false;
        }
        await AbandonAsync();
        await ForgetAsync();
        metrics.BattlePruned();
        Log.Pruned(logger, _id, inactive);
        return true;
    }

    private void StartPlay(string shipTwo)
    {
        _play = BattlePlay.Start(_request!, shipTwo, dice, _options, metrics);
        Log.Started(logger, _id, _request!.Ship, shipTwo, _request.StartBand, _request.Opponent);
    }

    /// <summary>Ends the battle from outside: a draw with reason Abandoned (a battle never started only says so).</summary>
    private async Task AbandonAsync()
    {
        if (_play is null)
        {
            if (_seats.AbandonedWhileWaiting)
            {
                return;
            }
            _seats = _seats with { AbandonedWhileWaiting = true };
            _seatsChanged = true;
        }
        else if (_play.Snapshot.Outcome is null)
        {
            _play.Impose(new Abandon());
        }
        await CommitAsync();
    }

    /// <summary>
    /// Takes the battle out of the live battles and out of memory: the next call finds no such battle. Its record stays
    /// in the journal for <c>BattleRetention</c> (so its full log can still be shown), then the pruning pass removes it.
    /// </summary>
    private async Task ForgetAsync()
    {
        if (_options.BattleRetention > TimeSpan.Zero)
        {
            await journal.RetainAsync(_id, time.GetUtcNow() + _options.BattleRetention);
        }
        else
        {
            await journal.RemoveAsync(_id);
        }
        metrics.BattleEnded();
        StopClocks();
        _watchAlarm?.Dispose();
        _watchAlarm = null;
        _request = null;
        _play = null;
        _seats = BattleSeats.Empty;
        _forgotten = true;
        DeactivateOnIdle();
    }

    /// <summary>
    /// After every change: re-arms the clocks, writes what changed to the journal, and only then tells the viewers.
    /// A failed write leaves nobody told: the activation is dropped so the next call reads the battle back as stored.
    /// </summary>
    private async Task CommitAsync(bool notifyViewers = true)
    {
        RearmClocks();
        try
        {
            await StoreAsync();
        }
        catch (Exception exception)
        {
            Log.StoreFailed(logger, exception, _id);
            DeactivateOnIdle();
            throw;
        }
        Changed(notifyViewers);
        // A battle ended by its clocks (a turn run out, a seat forfeited) with nobody watching leaves memory too.
        ReviewWatchers();
    }

    private async Task StoreAsync()
    {
        if (!Exists)
        {
            return;
        }
        if (_play is not null && !_seats.KeepsHelmOrders(_play.HelmOrders))
        {
            // A helm order given, cancelled or moved on is stored with the step that changed it, before anyone is told.
            _seats = _seats with { HelmOrders = _play.HelmOrders };
            _seatsChanged = true;
        }
        var entries = _play?.TakeNewEntries() ?? [];
        var opening = _play is not null && !_openingStored ? _play.Opening : null;
        var seats = _seatsChanged ? _seats : null;
        var now = time.GetUtcNow();
        MarkEnd(now);
        var ended = _endMarkStored ? null : _endMark;
        var step = new JournalStep(seats, opening, entries, (_play?.EntryCount ?? 0) - entries.Count + 1, now) { Ended = ended };
        if (step.IsEmpty)
        {
            return;
        }
        await journal.WriteAsync(_id, step);
        _openingStored |= opening is not null;
        _seatsChanged = false;
        _endMarkStored |= ended is not null;
        if (Outcome is { } outcome && _play is not null && entries.Count > 0)
        {
            Log.Ended(logger, _id, outcome.Reason, outcome.Winner?.ToString() ?? "none", outcome.Rounds);
        }
    }

    /// <summary>An ended battle not yet marked gets its end mark (written by the next store), as of <paramref name="at"/>.</summary>
    private void MarkEnd(DateTimeOffset at)
    {
        if (_endMark is null && Outcome is { } outcome)
        {
            var snapshot = _play?.Snapshot;
            _endMark = new BattleEndMark(_request!.Opponent, _request.Ship, snapshot?.Two.Class.Id ?? _request.EnemyShip, snapshot?.Round ?? 0, outcome, at);
        }
    }

    private string NoSuchBattle => $"There is no battle '{_id}': it may have ended and been cleared away.";

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Battle {BattleId} started: {ShipOne} vs {ShipTwo} at {Band}, {Opponent}")]
        public static partial void Started(ILogger logger, string battleId, string shipOne, string shipTwo, Core.Rules.RangeBand band, OpponentKind opponent);

        [LoggerMessage(LogLevel.Information, "Battle {BattleId} brought back from the journal: {Entries} entries, round {Round}")]
        public static partial void Restored(ILogger logger, string battleId, int entries, int round);

        [LoggerMessage(LogLevel.Warning, "Battle {BattleId}: the stored helm order of {Side} cannot be read and is dropped: {Problem}")]
        public static partial void HelmOrderDropped(ILogger logger, string battleId, Side side, string problem);

        [LoggerMessage(LogLevel.Information, "Battle {BattleId} ended: {Reason}, winner {Winner}, after {Rounds} rounds")]
        public static partial void Ended(ILogger logger, string battleId, BattleEndReason reason, string winner, int rounds);

        [LoggerMessage(LogLevel.Information, "Battle {BattleId} ended by an operator")]
        public static partial void EndedByOperator(ILogger logger, string battleId);

        [LoggerMessage(LogLevel.Information, "Battle {BattleId} pruned after {Inactive} without an accepted command")]
        public static partial void Pruned(ILogger logger, string battleId, TimeSpan inactive);

        [LoggerMessage(LogLevel.Error, "Battle {BattleId}: writing to the journal failed; the battle is read back from it on the next call")]
        public static partial void StoreFailed(ILogger logger, Exception exception, string battleId);

        [LoggerMessage(LogLevel.Information, "Battle {BattleId}: turn {Turn} of {Side} ran out of time")]
        public static partial void TurnRanOut(ILogger logger, string battleId, int turn, Side side);

        [LoggerMessage(LogLevel.Information, "Battle {BattleId}: {Side} forfeits after staying disconnected for {Grace}")]
        public static partial void Forfeited(ILogger logger, string battleId, Side side, TimeSpan grace);
    }
}
