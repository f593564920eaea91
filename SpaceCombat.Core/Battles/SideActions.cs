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
/// odds: the menu the HUD shows and standing orders consult. Made once per snapshot and side, then shared.
/// </summary>
public sealed class SideActions
{
    private SideActions(BattleSnapshot snapshot, Side side)
    {
        Snapshot = snapshot;
        Side = side;
        var ship = snapshot.Ship(side);
        var enemy = snapshot.Ship(side.Opponent());
        EndTurn = Option(new EndTurn(side));
        Surrender = Option(new Surrender(side));
        Close = Option(new Manoeuvre(side, ManoeuvreDirection.Close, ship.Thrust));
        Open = Option(new Manoeuvre(side, ManoeuvreDirection.Open, ship.Thrust));
        var inbound = InboundAgainst(snapshot, side);
        Inbound = inbound;
        var turrets = new TurretActions[ship.Turrets.Count];
        for (var i = 0; i < turrets.Length; i++)
        {
            turrets[i] = ForTurret(ship, enemy, ship.Turrets[i], inbound);
        }
        Turrets = turrets;
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
        : Option(new Manoeuvre(Side, direction, thrust));

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
        var bySide = snapshot.SideActionsCache();
        var index = side == Side.One ? 0 : 1;
        // A benign race: two threads may build the same options; either is correct and the first stored is kept.
        var built = Volatile.Read(ref bySide[index]);
        if (built is null)
        {
            Interlocked.CompareExchange(ref bySide[index], new SideActions(snapshot, side), null);
            built = bySide[index]!;
        }
        return built;
    }

    // Made for both sides of every snapshot, so without LINQ: most snapshots have no salvo in flight at all.
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

    private ActionOption Option(BattleCommand command, CheckOdds? odds = null) => new(command, ActionRules.Check(Snapshot, command), odds);

    private TurretActions ForTurret(ShipSnapshot ship, ShipSnapshot enemy, TurretSnapshot turret, SalvoSnapshot[] inbound)
    {
        ActionOption[] fire = [];
        if (turret.Class.HasLaser)
        {
            var odds = ActionRules.AttackOdds(ship, turret, enemy, Snapshot.Band);
            fire = new ActionOption[turret.Class.LaserKinds.Count];
            for (var i = 0; i < fire.Length; i++)
            {
                fire[i] = Option(new FireLasers(Side, turret.Index, turret.Class.LaserKinds[i]), odds);
            }
        }
        ActionOption? launch = turret.Class.Has(WeaponKind.MissileRack)
            ? Option(new LaunchMissiles(Side, turret.Index), ActionRules.AttackOdds(ship, turret, enemy, Snapshot.Band))
            : null;
        ActionOption[] defence = [];
        Refusal? defenceUnavailable = null;
        if (turret.Class.HasLaser)
        {
            var odds = ActionRules.PointDefenceOdds(ship, turret);
            defence = inbound.Length == 0 ? [] : new ActionOption[inbound.Length];
            for (var i = 0; i < defence.Length; i++)
            {
                defence[i] = Option(new PointDefence(Side, turret.Index, inbound[i].Id), odds);
            }
            defenceUnavailable = defence.Length > 0
                ? defence[0].Unavailable
                : ActionRules.Check(Snapshot, new EndTurn(Side))
                    ?? (turret.Used ? SharedRefusals.TurretUsed(turret.Index) : null)
                    ?? ActionRules.PointDefenceRefusal(ship, turret)
                    ?? SharedRefusals.NoSalvoInbound;
        }
        ActionOption? sand = turret.Class.Has(WeaponKind.Sandcaster)
            ? Option(new CastSand(Side, turret.Index), ActionRules.SandOdds(ship))
            : null;
        return new TurretActions(turret, fire, launch, defence, defenceUnavailable, sand);
    }
}
