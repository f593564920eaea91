using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Logbook;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// The game side of one battle, with no clock, lock or storage: the engine behind its logbook, the AI captain and the
/// seats' standing helm orders that play automatically, and the live log (the last <c>CombatHistoryLimit</c> rounds).
/// Single writer: its grain calls it one turn at a time. Every accepted command, automatic ones included, is in
/// <see cref="TakeNewEntries"/> for the journal.
/// </summary>
public sealed class BattlePlay
{
    private readonly BattleLogbook _logbook;
    private readonly SpaceCombatOptions _options;
    private readonly SpaceCombatMetrics? _metrics;
    private readonly StandingHelmOrder?[] _helmOrders = new StandingHelmOrder?[2];
    private readonly List<BattleEvent> _log = [];

    private BattlePlay(BattleLogbook logbook, SpaceCombatOptions options, SpaceCombatMetrics? metrics)
    {
        _logbook = logbook;
        _options = options;
        _metrics = metrics;
    }

    public BattleSnapshot Snapshot => _logbook.Snapshot;

    public LogbookOpening Opening => _logbook.Opening;

    /// <summary>Entries written so far (restored ones included): the number of the next entry is one more.</summary>
    public int EntryCount => _logbook.EntryCount;

    public IReadOnlyList<BattleEvent> Log => _log;

    /// <summary>Starts the battle; the AI (when it commands side Two) and any automation play at once.</summary>
    public static BattlePlay Start(NewBattleRequest request, string shipTwo, IDice dice, SpaceCombatOptions options, SpaceCombatMetrics? metrics)
    {
        var setup = new BattleSetup(request.Ship, shipTwo, request.StartBand);
        var logbook = request.Opponent == OpponentKind.Ai ? BattleLogbook.Start(setup, dice, Side.Two) : BattleLogbook.Start(setup, dice);
        var play = new BattlePlay(logbook, options, metrics);
        play._log.AddRange(logbook.StartEvents);
        play.AfterAccepted([]);
        return play;
    }

    /// <summary>
    /// Rebuilds the battle from its journal with the seats' standing helm orders as they were stored; the AI plays on
    /// if it was its turn (a crash in the middle of it). A helm order that does not validate throws
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    public static BattlePlay Restore(LogbookOpening opening, IEnumerable<LogbookEntry> entries, IReadOnlyList<StandingHelmOrderState>? helmOrders,
        IDice dice, SpaceCombatOptions options, SpaceCombatMetrics? metrics)
    {
        var log = new List<BattleEvent>();
        var logbook = BattleLogbook.Restore(opening, entries, dice, log.Add);
        var play = new BattlePlay(logbook, options, metrics);
        foreach (var state in helmOrders ?? [])
        {
            play._helmOrders[SeatIndex(state.Side)] = StandingHelmOrder.Restore(state);
        }
        play._log.AddRange(log);
        play.AfterAccepted([]);
        return play;
    }

    /// <summary>A player's command (or a helm order) for the seat that gave it; automation plays after an accepted one.</summary>
    public CommandResult Execute(BattleCommand command)
    {
        var result = command is SetHelmOrder order ? GiveHelmOrder(order) : _logbook.Execute(command);
        if (result.Accepted)
        {
            var seat = SeatIndex(command.Side);
            if (command is Manoeuvre || (command is not SetHelmOrder && _helmOrders[seat] is { IsActive: false }))
            {
                // Steering by hand takes the helm back; any other action dismisses a finished order's notice.
                _helmOrders[seat] = null;
            }
            _metrics?.ActionAccepted(command.Kind);
            AfterAccepted(result.Events);
        }
        return result;
    }

    /// <summary>A command of the server's own (a turn running out, a forfeit, an abandon): no player acted.</summary>
    public CommandResult Impose(BattleCommand command)
    {
        var result = _logbook.Execute(command);
        if (result.Accepted)
        {
            AfterAccepted(result.Events);
        }
        return result;
    }

    public IReadOnlyList<LogbookEntry> TakeNewEntries() => _logbook.TakeNewEntries();

    /// <summary>The seats' standing helm orders as they are stored (stopped ones too, for their notice); null when there are none.</summary>
    public IReadOnlyList<StandingHelmOrderState>? HelmOrders =>
        _helmOrders[0] is null && _helmOrders[1] is null ? null : _helmOrders.OfType<StandingHelmOrder>().Select(o => o.State).ToArray();

    public HelmOrderStatus? HelmStatus(Side side) => _helmOrders[SeatIndex(side)] switch
    {
        null => null,
        { IsActive: true } order => new HelmOrderStatus(order.Description, null),
        { StoppedBecause: { } reason } => new HelmOrderStatus(null, reason),
        _ => null,
    };

    private void AfterAccepted(IReadOnlyList<BattleEvent> events)
    {
        _log.AddRange(events);
        RunAutomation();
        TrimLog(Snapshot.Round);
    }

    private CommandResult GiveHelmOrder(SetHelmOrder order)
    {
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
        var standing = StandingHelmOrder.Create(Snapshot, order.Side, direction, order.Goal, out var refusal);
        if (standing is null)
        {
            return new CommandResult([], refusal);
        }
        _helmOrders[index] = standing;
        return new CommandResult([], null);
    }

    /// <summary>
    /// Lets the AI and the seats' standing helm orders play, in turn order, until a person has to decide (or the battle
    /// ends). Each standing order stops when it makes no progress, so this ends.
    /// </summary>
    private void RunAutomation()
    {
        for (var pass = 0; pass < AutomationPassLimit && Snapshot.Outcome is null; pass++)
        {
            var progressed = _logbook.PlayAiTurn(OnAutomaticCommand);
            progressed |= RunHelmOrder();
            if (!progressed)
            {
                break;
            }
        }
    }

    // A safety net only: two standing orders against each other stop as soon as neither makes progress.
    private const int AutomationPassLimit = 4 * BattleSetup.DefaultMaxRounds;

    private void OnAutomaticCommand(BattleCommand command, CommandResult result)
    {
        if (result.Accepted)
        {
            _metrics?.ActionAccepted(command.Kind);
            _log.AddRange(result.Events);
        }
    }

    private bool RunHelmOrder()
    {
        if (Snapshot.ActiveSide is not { } side || _helmOrders[SeatIndex(side)] is not { } order)
        {
            return false;
        }
        var acted = false;
        for (var count = 0; count < AiCaptain.CommandsPerTurnLimit && Snapshot.Outcome is null; count++)
        {
            if (order.Next(Snapshot) is not { } command)
            {
                break;
            }
            var result = _logbook.Execute(command);
            if (!result.Accepted)
            {
                order.Cancel();
                break;
            }
            acted = true;
            OnAutomaticCommand(command, result);
            if (Snapshot.ActiveSide != side)
            {
                break;
            }
        }
        return acted;
    }

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

    private static int SeatIndex(Side side) => side == Side.One ? 0 : 1;
}
