using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// One circuit's side of the game (scoped): the battle it shows, the seat it holds (or none: a spectator), its
/// subscription, and its commands. Every command is checked here (seat, rate limit) and again by the engine;
/// components only call these methods and re-render on <see cref="Changed"/>.
/// </summary>
public sealed class CombatSession(
    IBattleRegistry registry,
    PlayerActionRateLimiter rateLimiter,
    ClientLimits clientLimits,
    CurrentCircuit circuit,
    ILogger<CombatSession> logger) : IDisposable
{
    public const string RateLimitMessage = "Rate limit exceeded. Please slow down.";

    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private string? _token;
    private bool _presenceCounted;
    private bool _connected = true;
    private bool _idleSubscribed;
    private Task _previousAction = Task.CompletedTask;

    public string? BattleId { get; private set; }

    public Side? Seat { get; private set; }

    public BattleView? View { get; private set; }

    /// <summary>Raised on a background thread when the battle changes; components re-render through InvokeAsync.</summary>
    public event Action? Changed;

    /// <summary>Why the last look-up of a battle code was refused (the client's per-minute limit); null when it was not.</summary>
    public string? LookupRefusal { get; private set; }

    /// <summary>Creates a battle, within the client's <see cref="SpaceCombatOptions.BattlesPerClientPerMinute"/>.</summary>
    public Task<(SeatGrant? Grant, string? Problem)> CreateAsync(NewBattleRequest request) =>
        clientLimits.TryCreateBattle(circuit.Client)
            ? registry.CreateAsync(request)
            : Task.FromResult<(SeatGrant?, string?)>((null, ClientLimits.BattlesRefusedMessage));

    /// <summary>Takes seat Two of a waiting battle: a code look-up, within the client's per-minute limit.</summary>
    public Task<(SeatGrant? Grant, string? Problem)> JoinAsync(string battleId, string shipId) =>
        LookUpCode()
            ? registry.JoinAsync(battleId, shipId)
            : Task.FromResult<(SeatGrant?, string?)>((null, ClientLimits.LookupsRefusedMessage));

    /// <summary>A battle's view by its code (null: none, or refused, see <see cref="LookupRefusal"/>): a code look-up.</summary>
    public Task<BattleView?> PeekAsync(string battleId) => LookUpCode() ? registry.GetAsync(battleId) : Task.FromResult<BattleView?>(null);

    /// <summary>
    /// Shows a battle in this circuit: as the seat the token proves, or as a spectator (a code look-up, within the
    /// client's per-minute limit). False when there is no such battle or the look-up was refused (<see cref="LookupRefusal"/>).
    /// </summary>
    public async Task<bool> AttachAsync(string battleId, string? token)
    {
        Detach();
        LookupRefusal = null;
        lock (_gate)
        {
            if (!_idleSubscribed)
            {
                // An idle disconnect releases the seat (its grace period starts) and the battle subscription.
                circuit.IdleDisconnected += OnIdleDisconnected;
                _idleSubscribed = true;
            }
        }
        var seat = await registry.SeatForAsync(battleId, token);
        var view = await registry.GetAsync(battleId, seat);
        // Only a proven seat is not a look-up: watching, and every miss, count against the client's limit.
        if ((seat is null && !LookUpCode()) || view is null)
        {
            return false;
        }
        lock (_gate)
        {
            BattleId = view.Id;
            Seat = seat;
            _token = seat is null ? null : token;
            View = view;
        }
        var subscription = await registry.SubscribeAsync(view.Id, seat, OnBattleChanged);
        lock (_gate)
        {
            if (BattleId == view.Id)
            {
                _subscription = subscription;
                subscription = null;
            }
        }
        // Detached while subscribing: nothing is to be shown.
        subscription?.Dispose();
        if (seat is { } side)
        {
            circuit.AssociateBattle(view.Id, side.ToString());
            await SetPresenceAsync(_connected);
        }
        // The view may have changed between the read and the subscription.
        if (await registry.GetAsync(view.Id, seat) is { } latest)
        {
            Show(latest, evenIfShown: true);
        }
        logger.LogInformation("Circuit {CircuitId} shows battle {BattleId} as {Seat}", circuit.CircuitId, view.Id, seat?.ToString() ?? "spectator");
        return true;
    }

    /// <summary>Counts a code look-up against the client's limit; false (with <see cref="LookupRefusal"/> set) when refused.</summary>
    private bool LookUpCode()
    {
        if (clientLimits.TryLookUpCode(circuit.Client))
        {
            LookupRefusal = null;
            return true;
        }
        LookupRefusal = ClientLimits.LookupsRefusedMessage;
        return false;
    }

    /// <summary>Sends any player command as this seat. Combat actions are rate limited; surrender is not.</summary>
    public Task<ActionReply> SendAsync(BattleCommand command) => ActAsync(command, rateLimited: command is not Surrender);

    /// <summary>The rematch battle's id, with this seat's token for it; null when there is none to have.</summary>
    public async Task<(string? BattleId, string? Token)> RematchAsync()
    {
        if (BattleId is null || _token is null)
        {
            return (null, null);
        }
        return await registry.RematchAsync(BattleId, _token);
    }

    /// <summary>
    /// Every event of the battle this circuit shows, replayed from the battle's record (so every round, not only the
    /// ones the live view keeps); null when there is no battle or no record, or the record does not replay.
    /// </summary>
    public async Task<IReadOnlyList<BattleEvent>?> FullLogAsync()
    {
        if (BattleId is not { } battleId || await registry.GetRecordAsync(battleId) is not { } record)
        {
            return null;
        }
        try
        {
            return record.Events();
        }
        catch (InvalidDataException exception)
        {
            logger.LogWarning(exception, "The record of battle {BattleId} does not replay: its full log cannot be shown", battleId);
            return null;
        }
    }

    /// <summary>Called by the circuit handler when the browser's connection drops or comes back.</summary>
    public async Task ConnectionChangedAsync(bool connected)
    {
        _connected = connected;
        await SetPresenceAsync(connected);
    }

    public void Detach()
    {
        string? battleId;
        Side? seat;
        bool counted;
        lock (_gate)
        {
            _subscription?.Dispose();
            _subscription = null;
            battleId = BattleId;
            seat = Seat;
            counted = _presenceCounted;
            _presenceCounted = false;
            BattleId = null;
            Seat = null;
            _token = null;
            View = null;
        }
        if (battleId is not null && seat is { } side)
        {
            rateLimiter.RemovePlayer(PlayerKey(battleId, side));
            circuit.ClearBattle();
            if (counted)
            {
                _ = registry.SeatPresenceAsync(battleId, side, connected: false);
            }
        }
    }

    public void Dispose()
    {
        circuit.IdleDisconnected -= OnIdleDisconnected;
        Detach();
    }

    private void OnIdleDisconnected(CircuitIdleDisconnect disconnect)
    {
        if (BattleId is { } battleId)
        {
            logger.LogInformation("Circuit {CircuitId} left battle {BattleId}: disconnected for inactivity", disconnect.CircuitId, battleId);
        }
        Detach();
        Changed?.Invoke();
    }

    private async Task<ActionReply> ActAsync(BattleCommand command, bool rateLimited)
    {
        var (battleId, seat, token) = (BattleId, Seat, _token);
        if (battleId is null)
        {
            return ActionReply.Refused("You are not in a battle.");
        }
        if (seat is null || token is null)
        {
            return ActionReply.Refused("Spectators cannot act: you do not hold a seat in this battle.");
        }
        if (!rateLimited)
        {
            return await ExecuteAsync(battleId, seat.Value, token, command);
        }

        // The permit is asked for now, at the click, so the player's queue holds the clicks in the order they came; a
        // quick burst waits its turn there, and only a flood past the queue is refused. Each action also waits for the
        // one clicked before it, so they reach the battle in click order whatever thread resumes them.
        var permit = rateLimiter.AcquireAsync(PlayerKey(battleId, seat.Value));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (_gate)
        {
            previous = _previousAction;
            _previousAction = done.Task;
        }
        try
        {
            if (!await permit)
            {
                // Refused at once: nothing runs, so it need not wait for the clicks before it.
                logger.LogInformation("Battle {BattleId}: {Seat} rate limited on {Action}", battleId, seat, command.Kind);
                return ActionReply.Refused(RateLimitMessage);
            }
            await previous;
            return await ExecuteAsync(battleId, seat.Value, token, command);
        }
        finally
        {
            done.TrySetResult();
            // The session lives as long as the circuit: a finished action's task is not kept there until the next click.
            lock (_gate)
            {
                if (ReferenceEquals(_previousAction, done.Task))
                {
                    _previousAction = Task.CompletedTask;
                }
            }
        }
    }

    /// <summary>
    /// Sends the action to the battle. An action the battle could not store (its journal refused the write: in a
    /// cluster, another copy of the battle had just written first) is not shown to anyone: the player is told so and
    /// sees the battle as it is kept, instead of losing the page to an unhandled error.
    /// </summary>
    private async Task<ActionReply> ExecuteAsync(string battleId, Side seat, string token, BattleCommand command)
    {
        try
        {
            return Shown(await registry.ExecuteAsync(battleId, token, command));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Battle {BattleId}: {Seat}'s {Action} was not stored; the battle is shown as kept", battleId, seat, command.Kind);
            try
            {
                if (await registry.GetAsync(battleId, seat) is { } kept)
                {
                    Show(kept, evenIfShown: true);
                }
            }
            catch (Exception readAgain) when (readAgain is not OperationCanceledException)
            {
                logger.LogWarning(readAgain, "Battle {BattleId} could not be read again after a failed action", battleId);
            }
            return ActionReply.Refused(NotStoredMessage);
        }
    }

    public const string NotStoredMessage = "That action could not be saved, so it did not happen: the battle is shown as it stands. Try again.";

    /// <summary>Shows the battle as the accepted action left it at once; the broadcast of the same version then changes nothing.</summary>
    private ActionReply Shown(ActionReply reply)
    {
        if (reply.View is { } view)
        {
            OnBattleChanged(view);
        }
        return reply;
    }

    private async Task SetPresenceAsync(bool connected)
    {
        string? battleId;
        Side? seat;
        lock (_gate)
        {
            if (BattleId is null || Seat is null || _presenceCounted == connected)
            {
                return;
            }
            _presenceCounted = connected;
            battleId = BattleId;
            seat = Seat;
        }
        await registry.SeatPresenceAsync(battleId, seat.Value, connected);
    }

    private void OnBattleChanged(BattleView view) => Show(view, evenIfShown: false);

    /// <summary>Takes a newer view of the battle (an older one, or the one shown, is ignored unless asked) and tells the page.</summary>
    private void Show(BattleView view, bool evenIfShown)
    {
        lock (_gate)
        {
            if (view.Id != BattleId || (View is not null && (view.Version < View.Version || (view.Version == View.Version && !evenIfShown))))
            {
                return;
            }
            View = view;
        }
        var waiting = Seat is { } seat && view.Phase switch
        {
            BattlePhase.WaitingForOpponent => true,
            BattlePhase.InProgress => view.Snapshot?.ActiveSide != seat,
            _ => false,
        };
        circuit.SetWaitingOnOpponent(waiting || (Seat is null && view.Phase == BattlePhase.InProgress));
        Changed?.Invoke();
    }

    private static string PlayerKey(string battleId, Side side) => $"{battleId}:{side}";
}
