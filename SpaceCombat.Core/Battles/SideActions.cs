using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// One command a side could give now: the reason the engine would refuse it (null: legal), and for a check its exact
/// odds. <see cref="Unavailable"/> also holds back a legal check that cannot succeed on any roll (RULES.md does not
/// forbid it, but no player or AI should spend a turret or a missile on it).
/// </summary>
public sealed record ActionOption(BattleCommand Command, Refusal? Refusal, CheckOdds? Odds = null)
{
    public bool IsLegal => Refusal is null;

    /// <summary>Why the option is not offered: the engine's refusal, or a check with no chance; null when it is offered.</summary>
    public Refusal? Unavailable { get; } = Refusal ?? (Odds is { Possible: false } odds ? Hopeless(odds) : null);

    public bool IsAvailable => Unavailable is null;

    private static Refusal Hopeless(CheckOdds odds) =>
        new(RefusalReason.NoChance, odds.NoChanceText);
}

/// <summary>What one turret could do now. Lists are empty where the turret has no such weapon.</summary>
public sealed record TurretActions(
    TurretSnapshot Turret,
    IReadOnlyList<ActionOption> Fire,
    ActionOption? Launch,
    IReadOnlyList<ActionOption> PointDefence,
    Refusal? PointDefenceUnavailable,
    ActionOption? Sand)
{
    /// <summary>The laser kind the turret fires by default (its best): the first of <see cref="Fire"/>.</summary>
    public ActionOption? FireBest => Fire.Count > 0 ? Fire[0] : null;
}

/// <summary>
/// Everything a side could do at one snapshot, each option legal or with its reason, and every check with its exact
/// odds: the menu the HUD shows and standing orders consult. Made once per snapshot and side, then shared. An option,
/// a turret's options or the turret list that came out the same as in the battle's earlier options of the side in the
/// same state (its turn or not, the turret used or not: <see cref="SideActionsMemory"/>) is that same object again:
/// every viewer's page holds the latest options, so an action leaves new only what it changed.
/// </summary>
public sealed class SideActions
{
    private SideActions(BattleSnapshot snapshot, Side side, SideActionsMemory? memory)
    {
        Snapshot = snapshot;
        Side = side;
        var ship = snapshot.Ship(side);
        var enemy = snapshot.Ship(side.Opponent());
        // What ActionRules.Check says of ending the turn: the side's earlier options in the same state are the model.
        var canAct = snapshot.Outcome is null && snapshot.ActiveSide == side;
        var previous = memory?.Latest(side, canAct);
        EndTurn = Option(previous?.EndTurn, side, static side => new EndTurn(side));
        Surrender = Option(previous?.Surrender, side, static side => new Surrender(side));
        Close = ManoeuvreOption(previous?.Close, ManoeuvreDirection.Close, ship.Thrust);
        Open = ManoeuvreOption(previous?.Open, ManoeuvreDirection.Open, ship.Thrust);
        var inbound = InboundAgainst(snapshot, side, previous?.Inbound);
        Inbound = inbound;
        var earlier = previous?.Turrets is { } list && list.Count == ship.Turrets.Count ? list : null;
        TurretActions[]? turrets = null;
        for (var i = 0; i < ship.Turrets.Count; i++)
        {
            var model = memory?.Turret(side, i, ship.Turrets.Count, canAct, ship.Turrets[i].Used) ?? earlier?[i];
            var turret = ForTurret(ship, enemy, ship.Turrets[i], inbound, model);
            Keep(ref turrets, earlier, i, turret, ship.Turrets.Count);
        }
        Turrets = (IReadOnlyList<TurretActions>?)turrets ?? earlier ?? [];
        OutrangingBand = StandingHelmOrder.OutrangingBand(snapshot, side);
    }

    public BattleSnapshot Snapshot { get; }

    public Side Side { get; }

    public ActionOption EndTurn { get; }

    public ActionOption Surrender { get; }

    /// <summary>Closing with the ship's full thrust.</summary>
    public ActionOption Close { get; }

    /// <summary>Opening with the ship's full thrust.</summary>
    public ActionOption Open { get; }

    /// <summary>Salvos in flight against this side, the one that strikes first first.</summary>
    public IReadOnlyList<SalvoSnapshot> Inbound { get; }

    public IReadOnlyList<TurretActions> Turrets { get; }

    /// <summary>The farthest band beyond the current one where this side outranges the enemy (what "Open to Range …" offers); null when none.</summary>
    public RangeBand? OutrangingBand { get; }

    /// <summary>Whether it is this side's turn in a battle still going.</summary>
    public bool CanAct => EndTurn.IsLegal;

    /// <summary>A manoeuvre with any thrust: legal, or why not.</summary>
    public ActionOption Manoeuvre(ManoeuvreDirection direction, int thrust) =>
        thrust == Snapshot.Ship(Side).Thrust && direction == ManoeuvreDirection.Close ? Close
        : thrust == Snapshot.Ship(Side).Thrust && direction == ManoeuvreDirection.Open ? Open
        : Option(null, (Side, direction, thrust), static arg => new Manoeuvre(arg.Side, arg.direction, arg.thrust));

    /// <summary>The options of a side at a snapshot; computed once per snapshot and side.</summary>
    public static SideActions For(BattleSnapshot snapshot, Side side)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!Enum.IsDefined(side))
        {
            throw new ArgumentOutOfRangeException(nameof(side));
        }
        // Kept on the snapshot itself: a process-wide weak table took a global lock for every new snapshot, and its
        // dependent handles cost every garbage collection.
        var slot = snapshot.SideActionsCache();
        var bySide = slot.BySide;
        var index = side == Side.One ? 0 : 1;
        // A benign race: two threads may build the same options; either is correct and the first stored is kept.
        var built = Volatile.Read(ref bySide[index]);
        if (built is null)
        {
            Interlocked.CompareExchange(ref bySide[index], new SideActions(snapshot, side, slot.Memory), null);
            built = bySide[index]!;
            slot.Memory?.Remember(built);
        }
        return built;
    }

    // Made for both sides of every snapshot, so without LINQ: most snapshots have no salvo in flight at all.
    private static IReadOnlyList<SalvoSnapshot> InboundAgainst(BattleSnapshot snapshot, Side side, IReadOnlyList<SalvoSnapshot>? previous)
    {
        var inbound = InboundAgainst(snapshot, side);
        if (previous is null || previous.Count != inbound.Length)
        {
            return inbound;
        }
        for (var i = 0; i < inbound.Length; i++)
        {
            if (!Equals(previous[i], inbound[i]))
            {
                return inbound;
            }
        }
        return previous;
    }

    private static SalvoSnapshot[] InboundAgainst(BattleSnapshot snapshot, Side side)
    {
        var count = 0;
        foreach (var salvo in snapshot.Salvos)
        {
            count += salvo.Launcher != side ? 1 : 0;
        }
        if (count == 0)
        {
            return [];
        }
        var inbound = new SalvoSnapshot[count];
        count = 0;
        foreach (var salvo in snapshot.Salvos)
        {
            if (salvo.Launcher != side)
            {
                inbound[count++] = salvo;
            }
        }
        // Salvo ids are unique, so this order is total and an unstable sort gives it.
        Array.Sort(inbound, static (a, b) => a.StrikeRound != b.StrikeRound ? a.StrikeRound.CompareTo(b.StrikeRound) : a.Id.CompareTo(b.Id));
        return inbound;
    }

    /// <summary>
    /// The option of a command: <paramref name="previous"/> (the same command's option in the side's previous options)
    /// when the reason and the odds came out the same, else a new one with its command made by <paramref name="make"/>.
    /// </summary>
    private ActionOption Option<TArg>(ActionOption? previous, TArg arg, Func<TArg, BattleCommand> make, CheckOdds? odds = null)
    {
        var command = previous?.Command ?? make(arg);
        var refusal = ActionRules.Check(Snapshot, command);
        return previous is not null && ReferenceEquals(previous.Odds, odds) && Equals(previous.Refusal, refusal) ? previous : new(command, refusal, odds);
    }

    private ActionOption ManoeuvreOption(ActionOption? previous, ManoeuvreDirection direction, int thrust) =>
        Option(previous?.Command is Manoeuvre { } earlier && earlier.Thrust == thrust ? previous : null, (Side, direction, thrust),
            static arg => new Manoeuvre(arg.Side, arg.direction, arg.thrust));

    /// <summary>Puts <paramref name="item"/> at <paramref name="index"/>: a new array only from the first item that is not the previous list's.</summary>
    private static void Keep<T>(ref T[]? items, IReadOnlyList<T>? previous, int index, T item, int count) where T : class
    {
        if (items is null)
        {
            if (previous is not null && ReferenceEquals(previous[index], item))
            {
                return;
            }
            items = new T[count];
            for (var i = 0; i < index; i++)
            {
                items[i] = previous![i];
            }
        }
        items[index] = item;
    }

    private TurretActions ForTurret(ShipSnapshot ship, ShipSnapshot enemy, TurretSnapshot turret, IReadOnlyList<SalvoSnapshot> inbound, TurretActions? previous)
    {
        // Its options are reused by value (command, reason, odds) whatever the model turret's state; the whole only for the same turret.
        var sameTurret = previous is not null && Equals(previous.Turret, turret);
        IReadOnlyList<ActionOption> fire = [];
        if (turret.Class.HasLaser)
        {
            var odds = ActionRules.AttackOdds(ship, turret, enemy, Snapshot.Band);
            var kinds = turret.Class.LaserKinds;
            var earlier = previous?.Fire.Count == kinds.Count ? previous.Fire : null;
            ActionOption[]? made = null;
            for (var i = 0; i < kinds.Count; i++)
            {
                var option = Option(earlier?[i], (Side, turret.Index, kinds[i]), static arg => new FireLasers(arg.Side, arg.Index, arg.Item3), odds);
                Keep(ref made, earlier, i, option, kinds.Count);
            }
            fire = (IReadOnlyList<ActionOption>?)made ?? earlier ?? [];
        }
        ActionOption? launch = turret.Class.Has(WeaponKind.MissileRack)
            ? Option(previous?.Launch, (Side, turret.Index), static arg => new LaunchMissiles(arg.Side, arg.Index),
                ActionRules.AttackOdds(ship, turret, enemy, Snapshot.Band))
            : null;
        IReadOnlyList<ActionOption> defence = [];
        Refusal? defenceUnavailable = null;
        if (turret.Class.HasLaser)
        {
            var odds = ActionRules.PointDefenceOdds(ship, turret);
            var earlier = previous?.PointDefence.Count == inbound.Count ? previous.PointDefence : null;
            ActionOption[]? made = null;
            for (var i = 0; i < inbound.Count; i++)
            {
                var salvoId = inbound[i].Id;
                var same = earlier?[i] is { Command: PointDefence { } earlierDefence } && earlierDefence.SalvoId == salvoId ? earlier[i] : null;
                var option = Option(same, (Side, turret.Index, salvoId), static arg => new PointDefence(arg.Side, arg.Index, arg.salvoId), odds);
                Keep(ref made, earlier, i, option, inbound.Count);
            }
            defence = inbound.Count == 0 ? [] : (IReadOnlyList<ActionOption>?)made ?? earlier!;
            defenceUnavailable = defence.Count > 0
                ? defence[0].Unavailable
                : ActionRules.Check(Snapshot, EndTurn.Command)
                    ?? (turret.Used ? SharedRefusals.TurretUsed(turret.Index) : null)
                    ?? ActionRules.PointDefenceRefusal(ship, turret)
                    ?? SharedRefusals.NoSalvoInbound;
        }
        ActionOption? sand = turret.Class.Has(WeaponKind.Sandcaster)
            ? Option(previous?.Sand, (Side, turret.Index), static arg => new CastSand(arg.Side, arg.Index), ActionRules.SandOdds(ship))
            : null;
        if (sameTurret && ReferenceEquals(previous!.Fire, fire) && ReferenceEquals(previous.Launch, launch)
            && ReferenceEquals(previous.PointDefence, defence) && Equals(previous.PointDefenceUnavailable, defenceUnavailable) && ReferenceEquals(previous.Sand, sand))
        {
            return previous;
        }
        return new TurretActions(turret, fire, launch, defence, defenceUnavailable, sand);
    }
}
