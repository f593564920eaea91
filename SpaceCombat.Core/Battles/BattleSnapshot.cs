using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>An immutable view of a battle at one moment, safe to hand to any thread and any viewer.</summary>
public sealed record BattleSnapshot(
    int Round,
    int TurnNumber,
    RangeBand Band,
    ManoeuvrePool Pool,
    Side FirstSide,
    Side? ActiveSide,
    bool ActiveSideHasManoeuvred,
    ShipSnapshot One,
    ShipSnapshot Two,
    IReadOnlyList<SalvoSnapshot> Salvos,
    BattleOutcome? Outcome,
    int MaxRounds,
    long Version)
{
    // Each side's options at this snapshot (see SideActions.For), made at most once. Not part of the snapshot's value:
    // every slot equals every other, and a copy made with `with` starts its own (its owner is not the copy).
    private SideActionsSlot _sideActions = SideActionsSlot.None;

    public bool IsOver => Outcome is not null;

    /// <summary>This snapshot's own cache of each side's options (index 0: side one), and its battle's memory of the latest ones made.</summary>
    internal SideActionsSlot SideActionsCache()
    {
        while (true)
        {
            var slot = Volatile.Read(ref _sideActions);
            if (ReferenceEquals(slot.Owner, this))
            {
                return slot;
            }
            var owned = new SideActionsSlot(this, slot.Memory);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _sideActions, owned, slot), slot))
            {
                return owned;
            }
        }
    }

    /// <summary>Called by the battle before the snapshot is handed out: its sides' options may reuse the battle's latest ones.</summary>
    internal void RememberOptionsIn(SideActionsMemory memory) => _sideActions = new SideActionsSlot(null, memory);

    public ShipSnapshot Ship(Side side) => side == Side.One ? One : Two;

    public IEnumerable<SalvoSnapshot> SalvosAgainst(Side side) => Salvos.Where(s => s.Launcher != side);

    /// <summary>Whether any salvo in flight targets <paramref name="side"/> (asked on every HUD render: no allocation).</summary>
    public bool HasSalvoAgainst(Side side)
    {
        foreach (var salvo in Salvos)
        {
            if (salvo.Launcher != side)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>Where a snapshot keeps its sides' options: outside its value, so equality and hashing ignore it.</summary>
internal sealed class SideActionsSlot(BattleSnapshot? owner, SideActionsMemory? memory)
{
    public static readonly SideActionsSlot None = new(null, null);

    public BattleSnapshot? Owner { get; } = owner;

    public SideActions?[] BySide { get; } = owner is null ? [] : new SideActions?[2];

    /// <summary>The battle's latest options of each side (null: a snapshot made outside a battle, or read back).</summary>
    public SideActionsMemory? Memory { get; } = memory;

    public override bool Equals(object? obj) => obj is SideActionsSlot;

    public override int GetHashCode() => 0;
}

public sealed record ShipSnapshot(
    Side Side,
    ShipClass Class,
    int Hull,
    int MaxHull,
    int Armour,
    int Thrust,
    int Pilot,
    int Gunner,
    int ComputerDm,
    int Missiles,
    int Sand,
    int ActiveSandBonus,
    bool LasersPowered,
    RangeBand? SensorsLimit,
    IReadOnlyList<TurretSnapshot> Turrets,
    IReadOnlyDictionary<CriticalLocation, int> Criticals)
{
    public bool IsDestroyed => Hull == 0;

    public int CriticalSeverity(CriticalLocation location) => Criticals.TryGetValue(location, out var severity) ? severity : 0;
}

public sealed record TurretSnapshot(int Index, TurretClass Class, int Severity, TurretCondition Condition, bool Used)
{
    /// <summary>Weapon critical severity 1 gives DM −1 to this turret's attacks.</summary>
    public int WeaponDm => Severity == 1 ? -1 : 0;

    public bool IsWorking => Condition is TurretCondition.Operational or TurretCondition.Damaged;
}

/// <summary>A salvo in flight as both sides see it. The launch check stays hidden; <see cref="AttackDm"/> (public knowledge) lets a defender judge its chance.</summary>
public sealed record SalvoSnapshot(int Id, Side Launcher, int Turret, int Missiles, int LaunchRound, int StrikeRound, RangeBand LaunchBand, int AttackDm);

/// <summary>
/// One battle's latest options of each side in each state, whatever snapshot they were made for: the side's options
/// (its turn or not) and each turret's (its side's turn or not, the turret used or not). A turn passing back and forth
/// returns to those states, so the next snapshot's options reuse each part whose command, reason and odds came out the
/// same. Any of them is a correct model (reuse is decided by value), so threads that make options at once may read and
/// replace them in any order.
/// </summary>
internal sealed class SideActionsMemory
{
    private readonly SideActions?[] _latest = new SideActions?[4];
    private readonly TurretActions?[]?[] _turrets = new TurretActions?[]?[2];

    public SideActions? Latest(Side side, bool canAct) => Volatile.Read(ref _latest[(Index(side) * 2) + (canAct ? 1 : 0)]);

    /// <summary>The latest options of the side's turret <paramref name="index"/> (of <paramref name="count"/>) in that state.</summary>
    public TurretActions? Turret(Side side, int index, int count, bool canAct, bool used)
    {
        var turrets = Volatile.Read(ref _turrets[Index(side)]);
        return turrets is not null && turrets.Length == count * 4 ? Volatile.Read(ref turrets[Slot(index, canAct, used)]) : null;
    }

    public void Remember(SideActions actions)
    {
        Volatile.Write(ref _latest[(Index(actions.Side) * 2) + (actions.CanAct ? 1 : 0)], actions);
        var count = actions.Turrets.Count;
        var turrets = Volatile.Read(ref _turrets[Index(actions.Side)]);
        if (turrets is null || turrets.Length != count * 4)
        {
            turrets = new TurretActions?[count * 4];
            Volatile.Write(ref _turrets[Index(actions.Side)], turrets);
        }
        for (var i = 0; i < count; i++)
        {
            Volatile.Write(ref turrets[Slot(i, actions.CanAct, actions.Turrets[i].Turret.Used)], actions.Turrets[i]);
        }
    }

    private static int Index(Side side) => side == Side.One ? 0 : 1;

    private static int Slot(int index, bool canAct, bool used) => (index * 4) + (canAct ? 2 : 0) + (used ? 1 : 0);
}
