using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// One battle: a state machine that takes commands and returns the events they caused.
/// Not thread-safe: callers must serialise every call on one battle (one writer at a time, e.g. a lock or a
/// channel per battle). <see cref="Snapshot"/> is immutable and may be read on any thread once taken.
/// </summary>
public sealed partial class Battle
{
    private readonly IDice _dice;
    private readonly ShipState[] _ships;
    private readonly List<Salvo> _salvos = [];
    private List<BattleEvent> _pending = [];
    private BattleSnapshot? _snapshot;
    // The last snapshot taken: the parts of the next one that did not change are its objects again.
    private BattleSnapshot? _previous;
    private readonly SideActionsMemory _optionsMemory = new();
    private int _nextSalvoId = 1;
    private long _version;

    private Battle(BattleSetup setup, IDice dice)
    {
        _dice = dice;
        MaxRounds = setup.MaxRounds;
        Band = setup.StartBand;
        _ships = [new ShipState(Side.One, ShipRoster.Get(setup.ShipOne)), new ShipState(Side.Two, ShipRoster.Get(setup.ShipTwo))];
    }

    public int Round { get; private set; }
    public int TurnNumber { get; private set; }
    public RangeBand Band { get; private set; }
    public ManoeuvrePool Pool { get; private set; } = ManoeuvrePool.Empty;
    public Side FirstSide { get; private set; }
    public Side? ActiveSide { get; private set; }
    public bool ActiveSideHasManoeuvred { get; private set; }
    public BattleOutcome? Outcome { get; private set; }
    public int MaxRounds { get; }

    /// <summary>The events of starting the battle: set-up, initiative, the first round and turn.</summary>
    public IReadOnlyList<BattleEvent> StartEvents { get; private set; } = [];

    public BattleSnapshot Snapshot => _snapshot ??= NewSnapshot();

    /// <summary>
    /// A new snapshot that shares with the previous one every ship, turret and salvo list that did not change (and its
    /// sides' options remember the previous ones': see <see cref="SideActions"/>). Views keep the latest snapshot in
    /// long-lived places, so what each action leaves for the garbage collector to trace is only what it changed.
    /// </summary>
    private BattleSnapshot NewSnapshot()
    {
        var previous = _previous;
        var snapshot = new BattleSnapshot(
            Round, TurnNumber, Band, Pool, FirstSide, ActiveSide, ActiveSideHasManoeuvred,
            _ships[0].ToSnapshot(previous?.One), _ships[1].ToSnapshot(previous?.Two), SalvoSnapshots(previous?.Salvos),
            Outcome, MaxRounds, _version);
        snapshot.RememberOptionsIn(_optionsMemory);
        _previous = snapshot;
        return snapshot;
    }

    private IReadOnlyList<SalvoSnapshot> SalvoSnapshots(IReadOnlyList<SalvoSnapshot>? previous)
    {
        if (_salvos.Count == 0)
        {
            return [];
        }
        var same = previous is not null && previous.Count == _salvos.Count;
        for (var i = 0; same && i < _salvos.Count; i++)
        {
            same = ReferenceEquals(previous![i], _salvos[i].ToSnapshot());
        }
        if (same)
        {
            return previous!;
        }
        var salvos = new SalvoSnapshot[_salvos.Count];
        for (var i = 0; i < salvos.Length; i++)
        {
            salvos[i] = _salvos[i].ToSnapshot();
        }
        return salvos;
    }

    public static Battle Start(BattleSetup setup, IDice dice)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(dice);
        if (setup.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(setup));
        }
        var battle = new Battle(setup, dice);
        battle.Begin();
        return battle;
    }

    private ShipState ShipOf(Side side) => _ships[side == Side.One ? 0 : 1];

    private void Begin()
    {
        Emit(new BattleStarted(_ships[0].Class.Id, _ships[1].Class.Id, Band));
        var attempts = new List<InitiativeAttempt>();
        InitiativeAttempt attempt;
        do
        {
            attempt = new InitiativeAttempt(RollInitiative(_ships[0]), RollInitiative(_ships[1]));
            attempts.Add(attempt);
        }
        while (attempt.One.Total == attempt.Two.Total);
        FirstSide = attempt.One.Total > attempt.Two.Total ? Side.One : Side.Two;
        Emit(new InitiativeRolled(attempts, FirstSide));
        StartRound(1);
        StartEvents = _pending;
        _pending = [];
    }

    private InitiativeRoll RollInitiative(ShipState ship) =>
        InitiativeRoll.Make(_dice.RollD6(2), [new Modifier("Pilot", ship.Pilot), new Modifier("Thrust", ship.Thrust)]);

    /// <summary>Runs one command. Accepted: the events it caused. Refused: a reason and a message, and nothing changed.</summary>
    public CommandResult Execute(BattleCommand command)
    {
        if (command is null)
        {
            return CommandResult.Refused(RefusalReason.InvalidCommand, "No command was given.");
        }
        if (!Enum.IsDefined(command.Side))
        {
            return CommandResult.Refused(RefusalReason.InvalidCommand, $"There is no side {(int)command.Side} in this battle.");
        }
        if (Outcome is not null)
        {
            return CommandResult.Refused(RefusalReason.BattleOver, "The battle is over.");
        }

        // The snapshot is taken before anything changes: the rules judge it and the checks roll with its modifiers.
        var refusal = command switch
        {
            Surrender s => Run(() => End(s.Side.Opponent(), BattleEndReason.Surrendered)),
            Forfeit f => Run(() => End(f.Side.Opponent(), BattleEndReason.Forfeited)),
            Abandon => Run(() => End(null, BattleEndReason.Abandoned)),
            _ when command.ForTurn is { } turn && turn != TurnNumber => new Refusal(RefusalReason.StaleTurn, "That turn is over."),
            ExpireTurn when command.Side != ActiveSide => new Refusal(RefusalReason.NotYourTurn, "It is not your turn."),
            ExpireTurn e when e.TurnNumber != TurnNumber => new Refusal(RefusalReason.StaleTurn, "That turn has already ended."),
            ExpireTurn => Run(() => FinishTurn(TurnEndReason.TimerExpired)),
            _ => ActionRules.Check(Snapshot, command) ?? Perform(command, Snapshot),
        };

        if (refusal is not null)
        {
            _pending.Clear();
            return new CommandResult([], refusal);
        }
        _version++;
        _snapshot = null;
        var events = _pending;
        _pending = [];
        return new CommandResult(events, null);
    }

    /// <summary>Runs a command the rules allow (<see cref="ActionRules.Check"/> returned null for it).</summary>
    private Refusal? Perform(BattleCommand command, BattleSnapshot before)
    {
        switch (command)
        {
            case EndTurn:
                FinishTurn(TurnEndReason.EndTurn);
                break;
            case FireLasers fire:
                Fire(fire, before);
                break;
            case LaunchMissiles launch:
                Launch(launch, before);
                break;
            case PointDefence defence:
                Defend(defence, before);
                break;
            case CastSand sand:
                Sand(sand, before);
                break;
            case Manoeuvre manoeuvre:
                Move(manoeuvre);
                break;
            default:
                return new Refusal(RefusalReason.InvalidCommand, $"Unknown command {command.GetType().Name}.");
        }
        return null;
    }

    private static Refusal? Run(Action action)
    {
        action();
        return null;
    }

    private void Emit(BattleEvent battleEvent) => _pending.Add(battleEvent);

    /// <summary>Puts an event before the ones emitted since <paramref name="mark"/> (used so a strike precedes its criticals).</summary>
    private void EmitAt(int mark, BattleEvent battleEvent) => _pending.Insert(mark, battleEvent);

    private int Mark() => _pending.Count;

    private void StartRound(int round)
    {
        Round = round;
        Emit(new RoundStarted(round));
        StartTurn(FirstSide);
    }

    private void StartTurn(Side side)
    {
        TurnNumber++;
        ActiveSide = side;
        ActiveSideHasManoeuvred = false;
        var ship = ShipOf(side);
        ship.ActiveSandBonus = 0;
        foreach (var turret in ship.Turrets)
        {
            turret.Used = false;
        }
        Emit(new TurnStarted(Round, side, TurnNumber));

        foreach (var salvo in _salvos.Where(s => s.Launcher == side && s.StrikeRound <= Round).ToArray())
        {
            _salvos.Remove(salvo);
            Strike(salvo);
            if (Outcome is not null)
            {
                return;
            }
        }
        CheckNoWayToDamage();
    }

    private void FinishTurn(TurnEndReason reason)
    {
        var side = ActiveSide!.Value;
        Emit(new TurnEnded(Round, side, reason));
        if (side == FirstSide)
        {
            StartTurn(side.Opponent());
        }
        else if (Round >= MaxRounds)
        {
            End(null, BattleEndReason.RoundLimit);
        }
        else
        {
            StartRound(Round + 1);
        }
    }

    private void End(Side? winner, BattleEndReason reason)
    {
        Outcome = new BattleOutcome(winner, reason, Round);
        ActiveSide = null;
        _salvos.Clear();
        Emit(new BattleEnded(Round, Outcome));
    }

    private void CheckNoWayToDamage()
    {
        if (Outcome is null && _salvos.Count == 0 && !_ships[0].HasAnyWayToDamage() && !_ships[1].HasAnyWayToDamage())
        {
            End(null, BattleEndReason.NoWayToDamage);
        }
    }

    private void CheckDestroyed(ShipState target)
    {
        if (Outcome is null && target.IsDestroyed)
        {
            End(target.Side.Opponent(), BattleEndReason.Destroyed);
        }
    }
}
