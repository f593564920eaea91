using System.Reflection;
using System.Text;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests;

/// <summary>A battle started from scripted dice, with the script kept at hand to add the next faces.</summary>
public sealed class TestBattle
{
    public TestBattle(Battle battle, ScriptedDice dice)
    {
        Battle = battle;
        Dice = dice;
    }

    public Battle Battle { get; }
    public ScriptedDice Dice { get; }
    public BattleSnapshot Snapshot => Battle.Snapshot;

    /// <summary>The events of the last accepted command.</summary>
    public IReadOnlyList<BattleEvent> LastEvents { get; private set; } = [];

    /// <summary>Adds the faces, runs the command, asserts it was accepted and every added face (and no more) was used.</summary>
    public IReadOnlyList<BattleEvent> Accept(BattleCommand command, params int[] faces)
    {
        Dice.Add(faces);
        var result = Battle.Execute(command);
        Assert.True(result.Accepted, $"{command} was refused: {result.Refusal?.Reason} {result.Refusal?.Message}");
        Assert.Equal(0, Dice.Remaining);
        LastEvents = result.Events;
        return result.Events;
    }

    /// <summary>Runs a command that must be refused with the reason, and asserts nothing changed and no die was rolled.</summary>
    public Refusal Refuse(BattleCommand? command, RefusalReason reason)
    {
        var before = SnapshotText.Of(Battle);
        var remaining = Dice.Remaining;
        var result = Battle.Execute(command!);
        Assert.False(result.Accepted, $"{command} was accepted");
        Assert.Equal(reason, result.Refusal!.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.Refusal.Message));
        Assert.Empty(result.Events);
        Assert.Equal(remaining, Dice.Remaining);
        Assert.Equal(before, SnapshotText.Of(Battle));
        return result.Refusal;
    }

    public IReadOnlyList<BattleEvent> EndTurn() => Accept(new EndTurn(Snapshot.ActiveSide!.Value));

    /// <summary>Ends turns (no dice) until it is the given side's turn of the given round.</summary>
    public void SkipTo(int round, Side side)
    {
        while (Snapshot.Round != round || Snapshot.ActiveSide != side)
        {
            Assert.True(Snapshot.Round <= round, "went past the wanted turn");
            EndTurn();
        }
    }
}

public static class Scenario
{
    /// <summary>Initiative faces that make <paramref name="first"/> act first on the first attempt (6+6 against 1+1).</summary>
    public static int[] InitiativeFor(Side first) => first == Side.One ? [6, 6, 1, 1] : [1, 1, 6, 6];

    public static TestBattle Start(string one, string two, Side first = Side.One, RangeBand band = RangeBand.Medium,
        int maxRounds = BattleSetup.DefaultMaxRounds)
    {
        var dice = new ScriptedDice(InitiativeFor(first));
        var battle = Battle.Start(new BattleSetup(one, two, band, maxRounds), dice);
        Assert.Equal(0, dice.Remaining);
        Assert.Equal(first, battle.FirstSide);
        Assert.Equal(first, battle.Snapshot.ActiveSide);
        return new TestBattle(battle, dice);
    }

    /// <summary>Two dice (each 1..6) that sum to <paramref name="total"/> (2..12).</summary>
    public static int[] TwoDice(int total)
    {
        Assert.InRange(total, 2, 12);
        return total <= 7 ? [1, total - 1] : [total - 6, 6];
    }

    /// <summary>The 2D location roll for a critical location.</summary>
    public static int[] LocationDice(CriticalLocation location) => TwoDice(location switch
    {
        CriticalLocation.Sensors => 2,
        CriticalLocation.PowerPlant => 3,
        CriticalLocation.Fuel => 4,
        CriticalLocation.Weapon => 5,
        CriticalLocation.Armour => 6,
        CriticalLocation.Hull => 7,
        CriticalLocation.MDrive => 8,
        CriticalLocation.Cargo => 9,
        CriticalLocation.JDrive => 10,
        CriticalLocation.Crew => 11,
        CriticalLocation.Computer => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    });

    /// <summary>Number of 10 % steps of maximum hull reached at this hull (as RULES.md section 9 counts them).</summary>
    public static int Steps(int hull, int maxHull) => Enumerable.Range(1, 9).Count(k => hull * 10 <= maxHull * (10 - k));

    public static T Single<T>(this IEnumerable<BattleEvent> events) where T : BattleEvent => Assert.Single(events.OfType<T>());

    /// <summary>Gives the ship's internal state a push for set-ups the roster cannot reach (e.g. fewer missiles than racks).</summary>
    internal static void Tamper(this Battle battle, Side side, Action<ShipState> change)
    {
        var ships = (ShipState[])typeof(Battle).GetField("_ships", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(battle)!;
        change(ships[side == Side.One ? 0 : 1]);
        InvalidateSnapshot(battle);
    }

    /// <summary>Drops the battle's cached snapshot so the next read is built from its live state.</summary>
    public static void InvalidateSnapshot(Battle battle) =>
        typeof(Battle).GetField("_snapshot", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(battle, null);
}

/// <summary>
/// Critical hits on a Type-C Mercenary Cruiser (Side Two, 320 hull, size DM 0) from a Type-S Scout (Side One, acts first) at Short:
/// the scout's pulse laser with 2D = 12 has Effect 6; damage 2D + 6 − armour picks the severity. Sustained-damage steps crossed
/// on the way get Fuel criticals (no combat effect).
/// </summary>
public sealed class CriticalRig
{
    public TestBattle T { get; } = Scenario.Start("scout", "mercenary_cruiser", Side.One, RangeBand.Short);

    /// <summary>Inflicts one Effect critical of severity 1 or 2 at the location; <paramref name="turretPick"/> is the Roll(k) face for a Weapon critical.</summary>
    public IReadOnlyList<BattleEvent> Inflict(CriticalLocation location, int severity = 1, int turretPick = 1, int[]? hullDice = null)
    {
        Assert.InRange(severity, 1, 2);
        if (T.Snapshot.ActiveSide == Side.Two)
        {
            T.EndTurn();
        }
        if (T.Snapshot.One.Turrets[0].Used)
        {
            T.EndTurn();
            T.EndTurn();
        }
        var cruiser = T.Snapshot.Two;
        var armour = cruiser.Armour;
        var damageTotal = severity == 1 ? 2 : 5 + armour;
        var damage = damageTotal + 6 - armour;
        var faces = new List<int> { 6, 6 };
        faces.AddRange(Scenario.TwoDice(damageTotal));
        faces.AddRange(Scenario.LocationDice(location));
        if (location == CriticalLocation.Weapon && cruiser.Turrets.Count(t => t.IsWorking) > 1)
        {
            faces.Add(turretPick);
        }
        if (location == CriticalLocation.Hull)
        {
            faces.AddRange(hullDice ?? Enumerable.Repeat(1, severity).ToArray());
        }
        var crossed = Scenario.Steps(cruiser.Hull - damage, cruiser.MaxHull) - Scenario.Steps(cruiser.Hull, cruiser.MaxHull);
        for (var i = 0; i < crossed; i++)
        {
            faces.AddRange(Scenario.LocationDice(CriticalLocation.Fuel));
        }
        var events = T.Accept(new FireLasers(Side.One, 0), faces.ToArray());
        var attack = events.Single<LaserAttack>();
        Assert.Equal(6, attack.Check.Effect);
        Assert.Equal(damage, attack.Damage!.Damage);
        var effectCritical = events.OfType<CriticalHit>().First();
        Assert.Equal(CriticalCause.Effect, effectCritical.Cause);
        Assert.Equal(location, effectCritical.Location);
        Assert.Equal(severity, effectCritical.Severity);
        return events;
    }

    /// <summary>Makes it the cruiser's turn (to watch the effects act).</summary>
    public void CruiserTurn()
    {
        if (T.Snapshot.ActiveSide == Side.One)
        {
            T.EndTurn();
        }
    }
}

/// <summary>A full text of a battle's live state, for by-value comparison (records with list members compare by reference).</summary>
public static class SnapshotText
{
    public static string Of(Battle battle)
    {
        Scenario.InvalidateSnapshot(battle);
        return Of(battle.Snapshot);
    }

    public static string Of(BattleSnapshot s)
    {
        var b = new StringBuilder();
        b.Append($"R{s.Round} T{s.TurnNumber} {s.Band} pool={s.Pool.Direction}/{s.Pool.Thrust} first={s.FirstSide} active={s.ActiveSide} moved={s.ActiveSideHasManoeuvred} out={s.Outcome} max={s.MaxRounds} v={s.Version}\n");
        Ship(b, s.One);
        Ship(b, s.Two);
        foreach (var salvo in s.Salvos)
        {
            b.Append(salvo).Append('\n');
        }
        return b.ToString();
    }

    private static void Ship(StringBuilder b, ShipSnapshot ship)
    {
        b.Append($"{ship.Side} {ship.Class.Id} hull={ship.Hull}/{ship.MaxHull} arm={ship.Armour} thr={ship.Thrust} pil={ship.Pilot} gun={ship.Gunner} comp={ship.ComputerDm} mis={ship.Missiles} sand={ship.Sand} sandBonus={ship.ActiveSandBonus} power={ship.LasersPowered} sens={ship.SensorsLimit}\n");
        foreach (var turret in ship.Turrets)
        {
            b.Append($"  t{turret.Index} sev={turret.Severity} {turret.Condition} used={turret.Used}\n");
        }
        foreach (var (location, severity) in ship.Criticals.OrderBy(c => c.Key))
        {
            b.Append($"  {location}={severity}\n");
        }
    }
}

/// <summary>Counts the dice rolled through it.</summary>
public sealed class CountingDice(IDice inner) : IDice
{
    public long Rolls { get; private set; }

    public int Roll(int sides)
    {
        Rolls++;
        return inner.Roll(sides);
    }
}

/// <summary>Scripted faces first (e.g. initiative), then seeded random faces.</summary>
public sealed class PrefixDice(int seed, params int[] prefix) : IDice
{
    private readonly Queue<int> _prefix = new(prefix);
    private readonly SeededDice _rest = new(seed);

    public int Roll(int sides) => _prefix.TryDequeue(out var face) ? face : _rest.Roll(sides);
}
