using System.Diagnostics;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Logbook;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Owns one battle: the single writer that serialises every command on it (one lock), runs the AI side, drives the
/// turn timer and the reconnect grace through <see cref="TimeProvider"/>, stamps activity, and publishes an immutable
/// <see cref="BattleView"/> to the battle's own subscribers only. It is the unit a distributed registry would replace.
/// </summary>
public sealed class BattleHost : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IDice _dice;
    private readonly TimeProvider _time;
    private readonly SpaceCombatOptions _options;
    private readonly SpaceCombatMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly string?[] _tokens = new string?[2];
    private readonly int[] _connections = new int[2];
    private readonly ITimer?[] _forfeitTimers = new ITimer?[2];
    private readonly DateTimeOffset?[] _forfeitDeadlines = new DateTimeOffset?[2];
    private readonly List<BattleEvent> _log = [];
    private readonly StandingHelmOrder?[] _helmOrders = new StandingHelmOrder?[2];
    // The battle, kept with its logbook (every accepted command and the dice it rolled): the full log is replayed
    // from it (see BattleRecord), while _log keeps only the latest rounds for the live view.
    private BattleLogbook? _logbook;
    private readonly List<LogbookEntry> _entries = [];
    private ITimer? _turnTimer;
    private int _timedTurn;
    private DateTimeOffset? _turnDeadline;
    private string? _rematchId;
    private readonly Dictionary<string, string> _rematchTokens = new(StringComparer.Ordinal);
    private Subscriber[] _subscribers = [];
    private long _lastActivityTicks;
    private long _version;
    private bool _disposed;
    private bool _abandonedWhileWaiting;
    private volatile BattleView _view;

    internal BattleHost(string id, NewBattleRequest request, IDice dice, TimeProvider time, SpaceCombatOptions options, SpaceCombatMetrics? metrics, ILogger logger)
    {
        Id = id;
        Request = request;
        _dice = dice;
        _time = time;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _lastActivityTicks = time.GetUtcNow().UtcTicks;
        if (request.Opponent == OpponentKind.Ai)
        {
            _connections[1] = 1;
        }
        _view = BuildView();
    }

    public string Id { get; }

    public NewBattleRequest Request { get; }

    public BattleView View => _view;

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>
    /// Creates seat One for the creator. An AI battle starts at once; so does a person battle whose second ship is
    /// already known (a rematch), and then seat Two is created too.
    /// </summary>
    internal (SeatGrant Creator, SeatGrant? Second) Open(string? knownSecondShip = null)
    {
        SeatGrant creator;
        SeatGrant? second = null;
        lock (_gate)
        {
            _tokens[0] = BattleCodes.NewSeatToken();
            creator = new SeatGrant(Id, Side.One, _tokens[0]!);
            if (Request.Opponent == OpponentKind.Ai)
            {
                StartBattle(Request.EnemyShip!);
            }
            else if (knownSecondShip is not null)
            {
                _tokens[1] = BattleCodes.NewSeatToken();
                second = new SeatGrant(Id, Side.Two, _tokens[1]!);
                StartBattle(knownSecondShip);
            }
        }
        Publish();
        return (creator, second);
    }

    /// <summary>The second player takes seat Two with their ship; the battle starts.</summary>
    public (SeatGrant? Grant, string? Problem) Join(string shipId)
    {
        if (!Core.Ships.ShipRoster.TryGet(shipId, out var ship))
        {
            return (null, $"Unknown ship '{shipId}'.");
        }
        SeatGrant grant;
        lock (_gate)
        {
            if (Request.Opponent == OpponentKind.Ai)
            {
                return (null, "This is a battle against the AI: it cannot be joined, only watched.");
            }
            if (_tokens[1] is not null)
            {
                return (null, "Both seats of this battle are taken: you can watch it as a spectator.");
            }
            _tokens[1] = BattleCodes.NewSeatToken();
            grant = new SeatGrant(Id, Side.Two, _tokens[1]!);
            StartBattle(ship.Id);
        }
        Publish();
        return (grant, null);
    }

    /// <summary>The seat a token proves, or null (a spectator). Tokens are compared exactly.</summary>
    public Side? SeatFor(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        lock (_gate)
        {
            if (token == _tokens[0])
            {
                return Side.One;
            }
            return token == _tokens[1] ? Side.Two : null;
        }
    }

    /// <summary>Runs a player's command for the seat the token proves; the side in the command is always the seat's.</summary>
    public ActionReply Execute(string? token, Func<Side, BattleCommand> command)
    {
        var started = Stopwatch.GetTimestamp();
        var side = SeatFor(token);
        if (side is null)
        {
            return ActionReply.Refused("Spectators cannot act: you do not hold a seat in this battle.");
        }
        CommandResult result;
        lock (_gate)
        {
            if (_logbook is null)
            {
                return ActionReply.Refused("The battle has not started: waiting for an opponent.");
            }
            var battleCommand = command(side.Value);
            if (battleCommand.Side != side.Value)
            {
                return ActionReply.Refused("You can only act for your own seat.");
            }
            result = battleCommand is SetHelmOrder order ? GiveHelmOrder(order) : _logbook.Execute(battleCommand);
            if (result.Accepted)
            {
                var seat = SeatIndex(side.Value);
                if (battleCommand is Manoeuvre || (battleCommand is not SetHelmOrder && _helmOrders[seat] is { IsActive: false }))
                {
                    // Steering by hand takes the helm back; any other action dismisses a finished order's notice.
                    _helmOrders[seat] = null;
                }
                _metrics?.ActionAccepted(battleCommand.Kind);
                AfterAcceptedCommand(result.Events);
            }
        }
        if (!result.Accepted)
        {
            return ActionReply.Refused(result.Refusal!.Message);
        }
        _metrics?.RecordCommandLatency(Stopwatch.GetElapsedTime(started));
        Publish();
        return ActionReply.Ok(result.Events);
    }

    /// <summary>Ends the battle from outside (pruning, an operator): a draw with reason Abandoned.</summary>
    public bool Abandon()
    {
        lock (_gate)
        {
            if (_logbook is null)
            {
                // Never started: there is no engine battle to end, but viewers are still told.
                if (_abandonedWhileWaiting)
                {
                    return false;
                }
                _abandonedWhileWaiting = true;
                _logger.LogInformation("Battle {BattleId} abandoned while waiting for an opponent", Id);
            }
            else if (_logbook.Snapshot.Outcome is not null)
            {
                return false;
            }
            else
            {
                var result = _logbook.Execute(new Abandon());
                AfterAcceptedCommand(result.Events, bySide: false);
            }
        }
        Publish();
        return true;
    }

    /// <summary>A session of this seat connected (a page opened) or disconnected. With no connection left, the grace period starts.</summary>
    public void SeatPresence(Side side, bool connected)
    {
        if (connected)
        {
            // A player opening the battle is activity: it is not abandoned while its page is coming up.
            StampActivity();
        }
        bool presenceShown;
        lock (_gate)
        {
            var index = side == Side.One ? 0 : 1;
            var wasAway = _connections[index] == 0;
            _connections[index] = Math.Max(0, _connections[index] + (connected ? 1 : -1));
            _forfeitTimers[index]?.Dispose();
            _forfeitTimers[index] = null;
            _forfeitDeadlines[index] = null;
            if (_connections[index] == 0 && _logbook is { Snapshot.Outcome: null } && _tokens[index] is not null)
            {
                _forfeitDeadlines[index] = _time.GetUtcNow() + _options.ReconnectGrace;
                _forfeitTimers[index] = _time.CreateTimer(_ => ForfeitIfStillAway(side), null, _options.ReconnectGrace, Timeout.InfiniteTimeSpan);
            }
            // Pages show a seat leaving or returning during play (the opponent's disconnection notice); anything else
            // (another tab of a present player, a player leaving a finished battle) would re-render every HUD for nothing.
            presenceShown = _logbook is { Snapshot.Outcome: null } && wasAway != (_connections[index] == 0);
        }
        Publish(notifySubscribers: presenceShown);
    }

    /// <summary>Creates (once) the rematch battle with the same ships and opponent; every seat holder gets a fresh seat in it.</summary>
    public string? RematchIdFor(string? token, Func<NewBattleRequest, string?, (SeatGrant Creator, SeatGrant? Second)> createRematch, out string? newToken)
    {
        newToken = null;
        var side = SeatFor(token);
        if (side is null)
        {
            return null;
        }
        lock (_gate)
        {
            if (_logbook?.Snapshot.Outcome is null)
            {
                return null;
            }
            if (_rematchId is null)
            {
                var (creator, second) = createRematch(Request, Request.Opponent == OpponentKind.Person ? _logbook.Snapshot.Two.Class.Id : null);
                _rematchId = creator.BattleId;
                _rematchTokens[_tokens[0]!] = creator.Token;
                if (second is not null && _tokens[1] is not null)
                {
                    _rematchTokens[_tokens[1]!] = second.Token;
                }
            }
            newToken = _rematchTokens.GetValueOrDefault(token!);
        }
        Publish();
        return _rematchId;
    }

    /// <summary>The battle's whole record (its logbook so far), or null before it starts.</summary>
    public BattleRecord? Record()
    {
        lock (_gate)
        {
            if (_logbook is null)
            {
                return null;
            }
            _entries.AddRange(_logbook.TakeNewEntries());
            return new BattleRecord(_logbook.Opening, [.. _entries]);
        }
    }

    public IDisposable Subscribe(Action<BattleView> onChange)
    {
        var subscriber = new Subscriber(this, onChange);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscriber];
        }
        return subscriber;
    }

    public BattleSummary Summarise(DateTimeOffset now)
    {
        var view = _view;
        return new BattleSummary(Id, Request.Opponent, view.Phase, view.ShipOne, view.ShipTwo, view.Snapshot?.Round ?? 0,
            (view.SeatOneConnected ? 1 : 0) + (view.SeatTwoConnected && Request.Opponent == OpponentKind.Person ? 1 : 0),
            now - LastActivity);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _turnTimer?.Dispose();
            foreach (var timer in _forfeitTimers)
            {
                timer?.Dispose();
            }
            _subscribers = [];
        }
    }

    private void StartBattle(string shipTwo)
    {
        _logbook = BattleLogbook.Start(new Core.Battles.BattleSetup(Request.Ship, shipTwo, Request.StartBand), _dice,
            Request.Opponent == OpponentKind.Ai ? [Side.Two] : []);
        _log.AddRange(_logbook.StartEvents);
        _logger.LogInformation("Battle {BattleId} started: {ShipOne} vs {ShipTwo} at {Band}, {Opponent}", Id, Request.Ship, shipTwo, Request.StartBand, Request.Opponent);
        AfterAcceptedCommand([]);
    }

    /// <summary>
    /// Under the lock: lets the AI play its turns, re-arms the turn timer, trims the log, and stamps activity when a
    /// player gave the command. A turn timer running out, a forfeit, or the AI's reply to either is not activity: a
    /// battle nobody acts in (an AI battle its creator never opened, above all) must still be pruned.
    /// </summary>
    private void AfterAcceptedCommand(IReadOnlyList<BattleEvent> events, bool bySide = true)
    {
        var battle = _logbook!;
        _log.AddRange(events);
        RunAutomation(battle);
        if (bySide)
        {
            StampActivity();
        }
        TrimLog(battle.Snapshot.Round);
        if (battle.Snapshot.Outcome is not null)
        {
            _turnTimer?.Dispose();
            _turnTimer = null;
            _turnDeadline = null;
            foreach (var timer in _forfeitTimers)
            {
                timer?.Dispose();
            }
            Array.Clear(_forfeitDeadlines);
            _logger.LogInformation("Battle {BattleId} ended: {Reason}, winner {Winner}, after {Rounds} rounds",
                Id, battle.Snapshot.Outcome.Reason, battle.Snapshot.Outcome.Winner?.ToString() ?? "none", battle.Snapshot.Outcome.Rounds);
            return;
        }
        if (battle.Snapshot.TurnNumber != _timedTurn)
        {
            _timedTurn = battle.Snapshot.TurnNumber;
            _turnTimer?.Dispose();
            var turn = battle.Snapshot.TurnNumber;
            var side = battle.Snapshot.ActiveSide!.Value;
            _turnDeadline = _time.GetUtcNow() + _options.TurnTimer;
            _turnTimer = _time.CreateTimer(_ => ExpireTurn(side, turn), null, _options.TurnTimer, Timeout.InfiniteTimeSpan);
        }
    }

    private void StampActivity() => Interlocked.Exchange(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Under the lock: sets or cancels the seat's standing helm order; the order's first commands run in AfterAcceptedCommand.</summary>
    private CommandResult GiveHelmOrder(SetHelmOrder order)
    {
        var battle = _logbook!;
        var index = SeatIndex(order.Side);
        if (order.Order == HelmOrderKind.Cancel)
        {
            _helmOrders[index]?.Cancel();
            _helmOrders[index] = null;
            return new CommandResult([], null);
        }
        if (!Enum.IsDefined(order.Order))
        {
            return CommandResult.Refused(RefusalReason.InvalidCommand, "That is not a helm order.");
        }
        var direction = order.Order == HelmOrderKind.CloseToFiringRange ? ManoeuvreDirection.Close : ManoeuvreDirection.Open;
        var standing = StandingHelmOrder.Create(battle.Snapshot, order.Side, direction, order.Goal, out var refusal);
        if (standing is null)
        {
            return new CommandResult([], refusal);
        }
        _helmOrders[index] = standing;
        return new CommandResult([], null);
    }

    /// <summary>
    /// Lets the AI and the seats' standing helm orders play, in turn order, until a person has to decide (or the battle
    /// ends); true when any command was given. Each standing order stops when it makes no progress, so this ends.
    /// </summary>
    private bool RunAutomation(BattleLogbook battle)
    {
        var acted = false;
        for (var pass = 0; pass < AutomationPassLimit && battle.Snapshot.Outcome is null; pass++)
        {
            var progressed = RunAi(battle);
            progressed |= RunHelmOrder(battle);
            acted |= progressed;
            if (!progressed)
            {
                break;
            }
        }
        return acted;
    }

    // A safety net only: two standing orders against each other stop as soon as neither makes progress.
    private const int AutomationPassLimit = 4 * Core.Battles.BattleSetup.DefaultMaxRounds;

    /// <summary>Gives the active seat's standing order's commands; true when any was accepted.</summary>
    private bool RunHelmOrder(BattleLogbook battle)
    {
        if (battle.Snapshot.ActiveSide is not { } side || _helmOrders[SeatIndex(side)] is not { } order)
        {
            return false;
        }
        var acted = false;
        for (var count = 0; count < AiCaptain.CommandsPerTurnLimit && battle.Snapshot.Outcome is null; count++)
        {
            if (order.Next(battle.Snapshot) is not { } command)
            {
                break;
            }
            var result = battle.Execute(command);
            if (!result.Accepted)
            {
                order.Cancel();
                break;
            }
            acted = true;
            _metrics?.ActionAccepted(command.Kind);
            _log.AddRange(result.Events);
            if (battle.Snapshot.ActiveSide != side)
            {
                break;
            }
        }
        return acted;
    }

    private static int SeatIndex(Side side) => side == Side.One ? 0 : 1;

    private HelmOrderStatus? HelmStatus(int index) => _helmOrders[index] switch
    {
        null => null,
        { IsActive: true } order => new HelmOrderStatus(order.Description, null),
        { StoppedBecause: { } reason } => new HelmOrderStatus(null, reason),
        _ => null,
    };

    /// <summary>Plays the AI side's turn when it is the AI's; true when it gave any command.</summary>
    private bool RunAi(BattleLogbook battle) =>
        battle.PlayAiTurn((command, result) =>
        {
            if (result.Accepted)
            {
                _metrics?.ActionAccepted(command.Kind);
                _log.AddRange(result.Events);
            }
        });

    private void TrimLog(int round)
    {
        var oldestKept = round - _options.CombatHistoryLimit + 1;
        var remove = 0;
        while (remove < _log.Count && _log[remove].Round < oldestKept)
        {
            remove++;
        }
        if (remove > 0)
        {
            _log.RemoveRange(0, remove);
        }
    }

    private void ExpireTurn(Side side, int turn)
    {
        lock (_gate)
        {
            if (_disposed || _logbook is null || _logbook.Snapshot.Outcome is not null || _logbook.Snapshot.TurnNumber != turn)
            {
                return;
            }
            var result = _logbook.Execute(new ExpireTurn(side, turn));
            if (!result.Accepted)
            {
                return;
            }
            _logger.LogInformation("Battle {BattleId}: turn {Turn} of {Side} ran out of time", Id, turn, side);
            AfterAcceptedCommand(result.Events, bySide: false);
        }
        Publish();
    }

    private void ForfeitIfStillAway(Side side)
    {
        lock (_gate)
        {
            var index = side == Side.One ? 0 : 1;
            if (_disposed || _logbook is not { Snapshot.Outcome: null } || _connections[index] > 0)
            {
                return;
            }
            var result = _logbook.Execute(new Forfeit(side));
            _logger.LogInformation("Battle {BattleId}: {Side} forfeits after staying disconnected for {Grace}", Id, side, _options.ReconnectGrace);
            AfterAcceptedCommand(result.Events, bySide: false);
        }
        Publish();
    }

    /// <summary>Builds the new view (under the lock), then tells subscribers outside it.</summary>
    private void Publish(bool notifySubscribers = true)
    {
        Subscriber[] subscribers;
        BattleView view;
        lock (_gate)
        {
            view = _view = BuildView();
            subscribers = notifySubscribers ? _subscribers : [];
        }
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber.OnChange(view);
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Battle {BattleId}: a subscriber failed to take an update", Id);
            }
        }
    }

    private BattleView BuildView()
    {
        var snapshot = _logbook?.Snapshot;
        var outcome = snapshot?.Outcome ?? (_abandonedWhileWaiting ? new BattleOutcome(null, BattleEndReason.Abandoned, 0) : null);
        var phase = outcome is not null ? BattlePhase.Over : snapshot is null ? BattlePhase.WaitingForOpponent : BattlePhase.InProgress;
        return new BattleView(Id, Request.Opponent, phase, Request.Ship, snapshot?.Two.Class.Id ?? Request.EnemyShip, Request.StartBand, snapshot, outcome,
            _log.ToArray(), phase == BattlePhase.InProgress ? _turnDeadline : null, _connections[0] > 0, _connections[1] > 0, _rematchId, LastActivity, ++_version)
        {
            HelmOrderOne = HelmStatus(0),
            HelmOrderTwo = HelmStatus(1),
            SeatOneForfeitsAt = phase == BattlePhase.InProgress ? _forfeitDeadlines[0] : null,
            SeatTwoForfeitsAt = phase == BattlePhase.InProgress ? _forfeitDeadlines[1] : null,
        };
    }

    private void Unsubscribe(Subscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != subscriber).ToArray();
        }
    }

    private sealed class Subscriber(BattleHost host, Action<BattleView> onChange) : IDisposable
    {
        public Action<BattleView> OnChange { get; } = onChange;

        public void Dispose() => host.Unsubscribe(this);
    }
}
