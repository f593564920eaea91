using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Ai;

/// <summary>
/// The AI opponent of RULES.md section 10. It sees only the public snapshot (never a salvo's hidden roll) and gives
/// one command at a time; call <see cref="Decide"/> again after each until it ends its turn. It remembers, per turn,
/// which decisions it already made, so a refused command never makes it loop.
/// </summary>
public sealed class AiCaptain(Side side)
{
    public const int SurrenderAfterTurns = 20;

    /// <summary>More commands than any legal turn needs; past it the turn is ended, so no captain can hang a battle.</summary>
    public const int CommandsPerTurnLimit = 64;

    private int _turn = -1;
    private bool _manoeuvreConsidered;
    private readonly HashSet<int> _turretsConsidered = [];
    private int _lastCountedTurn = -1;

    public Side Side { get; } = side;

    /// <summary>Consecutive own turns it could not attack while the enemy's lasers could and it could not change the range.</summary>
    public int OutmatchedTurns { get; private set; }

    /// <summary>Everything it carries between decisions; <see cref="Recall"/> gives a captain that decides as this one would.</summary>
    public CaptainMemory Memory =>
        new(Side, _turn, _manoeuvreConsidered, [.. _turretsConsidered.Order()], _lastCountedTurn, OutmatchedTurns);

    /// <summary>A captain that remembers what <paramref name="memory"/> holds (e.g. read back from a battle's logbook).</summary>
    public static AiCaptain Recall(CaptainMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (memory.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(memory));
        }
        var captain = new AiCaptain(memory.Side)
        {
            _turn = memory.Turn,
            _manoeuvreConsidered = memory.ManoeuvreConsidered,
            _lastCountedTurn = memory.LastCountedTurn,
            OutmatchedTurns = memory.OutmatchedTurns,
        };
        captain._turretsConsidered.UnionWith(memory.TurretsConsidered);
        return captain;
    }

    /// <summary>The next command for its side, or null when it is not its turn or the battle is over.</summary>
    public BattleCommand? Decide(BattleSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.IsOver || snapshot.ActiveSide != Side)
        {
            return null;
        }
        if (snapshot.TurnNumber != _turn)
        {
            _turn = snapshot.TurnNumber;
            _manoeuvreConsidered = false;
            _turretsConsidered.Clear();
            if (CountOutmatchedTurn(snapshot))
            {
                return new Surrender(Side);
            }
        }

        var me = snapshot.Ship(Side);
        var enemy = snapshot.Ship(Side.Opponent());

        if (!_manoeuvreConsidered)
        {
            _manoeuvreConsidered = true;
            if (!snapshot.ActiveSideHasManoeuvred && me.Thrust > 0 && ChooseManoeuvre(snapshot, me, enemy) is { } manoeuvre)
            {
                return manoeuvre;
            }
        }

        foreach (var turret in me.Turrets)
        {
            if (turret.Used || !turret.IsWorking || !_turretsConsidered.Add(turret.Index))
            {
                continue;
            }
            if (BestUse(snapshot, me, enemy, turret) is { } use)
            {
                return use;
            }
        }
        return new EndTurn(Side);
    }

    /// <summary>
    /// Plays this side's current turn on the battle, one command at a time, until the turn passes or the battle ends.
    /// The caller must hold the battle's single-writer lock. Returns whether any command was accepted.
    /// </summary>
    public bool PlayTurn(Battle battle, Action<BattleCommand, CommandResult>? onCommand = null)
    {
        ArgumentNullException.ThrowIfNull(battle);
        return PlayTurn(battle, battle.Execute, onCommand);
    }

    /// <summary>Plays the turn as above, giving each command through <paramref name="execute"/> (a logbook that writes it down) on <paramref name="battle"/>.</summary>
    internal bool PlayTurn(Battle battle, Func<BattleCommand, CommandResult> execute, Action<BattleCommand, CommandResult>? onCommand)
    {
        var turn = battle.TurnNumber;
        var acted = false;
        for (var count = 1; battle.Outcome is null && battle.ActiveSide == Side && battle.TurnNumber == turn; count++)
        {
            var command = count > CommandsPerTurnLimit ? new EndTurn(Side) : Decide(battle.Snapshot) ?? new EndTurn(Side);
            var result = execute(command);
            acted |= result.Accepted;
            onCommand?.Invoke(command, result);
        }
        return acted;
    }

    private bool CountOutmatchedTurn(BattleSnapshot snapshot)
    {
        if (_lastCountedTurn == snapshot.TurnNumber)
        {
            return false;
        }
        _lastCountedTurn = snapshot.TurnNumber;
        var me = snapshot.Ship(Side);
        var enemy = snapshot.Ship(Side.Opponent());
        var outmatched = !DamageOdds.CanAttack(me, enemy, snapshot.Band)
            && DamageOdds.CanAttack(enemy, me, snapshot.Band, lasersOnly: true)
            && (me.Thrust == 0 || me.Thrust <= enemy.Thrust);
        OutmatchedTurns = outmatched ? OutmatchedTurns + 1 : 0;
        return OutmatchedTurns >= SurrenderAfterTurns;
    }

    /// <summary>Expected damage of a ship's whole battery at a band, each turret at its best use (missiles only when worth launching).</summary>
    private static double BatteryExpected(ShipSnapshot ship, ShipSnapshot target, RangeBand band)
    {
        var total = 0.0;
        foreach (var turret in ship.Turrets)
        {
            var best = DamageOdds.BestLaser(ship, turret, target, band, targetSand: 0).Expected;
            if (DamageOdds.MissileWorthLaunching(ship, turret, target, band))
            {
                best = Math.Max(best, DamageOdds.ExpectedSalvoDamage(ship, turret, target, band));
            }
            total += best;
        }
        return total;
    }

    /// <summary>
    /// RULES.md 10.1. Away from its best band it spends all its Thrust toward it (the range moves at most one band per
    /// manoeuvre, so it cannot overshoot). At its best band it only ever spends what keeps the band: it pushes against
    /// what would carry the range away (the pool, or else the enemy's own preferred direction), banking as much as
    /// leaves the range where it is.
    /// </summary>
    private Manoeuvre? ChooseManoeuvre(BattleSnapshot snapshot, ShipSnapshot me, ShipSnapshot enemy)
    {
        var current = snapshot.Band;
        if (DirectionToward(current, BestBand(current, me, enemy)) is { } toward)
        {
            return new Manoeuvre(Side, toward, me.Thrust);
        }
        var away = !snapshot.Pool.IsEmpty ? snapshot.Pool.Direction
            : enemy.Thrust > 0 ? DirectionToward(current, BestBand(current, enemy, me))
            : null;
        if (away is not { } threat)
        {
            return null;
        }
        var push = threat.Opposite();
        for (var thrust = me.Thrust; thrust >= 1; thrust--)
        {
            if (RangeManoeuvre.Apply(current, snapshot.Pool, push, thrust) is { } after && after.Band == current)
            {
                return new Manoeuvre(Side, push, thrust);
            }
        }
        return null;
    }

    private static ManoeuvreDirection? DirectionToward(RangeBand current, RangeBand target) =>
        target < current ? ManoeuvreDirection.Close : target > current ? ManoeuvreDirection.Open : null;

    /// <summary>
    /// The band RULES.md 10.1 ranks best for <paramref name="me"/> against <paramref name="enemy"/> seen from
    /// <paramref name="current"/>: best expected damage exchange among the bands where it can attack (else where anyone
    /// can), ties to its own higher expected damage, then the nearer band; one band closer when nothing reaches here.
    /// </summary>
    internal static RangeBand BestBand(RangeBand current, ShipSnapshot me, ShipSnapshot enemy)
    {
        var bands = RangeTable.Bands;
        var myCan = bands.Select(b => DamageOdds.CanAttack(me, enemy, b)).ToArray();
        var enemyCan = bands.Select(b => DamageOdds.CanAttack(enemy, me, b)).ToArray();
        if (!myCan[(int)current] && !enemyCan[(int)current] && current > RangeBand.Adjacent)
        {
            return current - 1;
        }
        var candidates = bands.Where(b => myCan[(int)b] || enemyCan[(int)b]).ToList();
        if (candidates.Any(b => myCan[(int)b]))
        {
            candidates = candidates.Where(b => myCan[(int)b]).ToList();
        }
        if (candidates.Count == 0)
        {
            return current;
        }
        return candidates
            .Select(b => (Band: b, Mine: BatteryExpected(me, enemy, b), Theirs: BatteryExpected(enemy, me, b)))
            .OrderByDescending(c => Math.Round(c.Mine - c.Theirs, 9))
            .ThenByDescending(c => Math.Round(c.Mine, 9))
            .ThenBy(c => Math.Abs(c.Band - current))
            .ThenBy(c => c.Band)
            .First().Band;
    }

    private BattleCommand? BestUse(BattleSnapshot snapshot, ShipSnapshot me, ShipSnapshot enemy, TurretSnapshot turret)
    {
        var band = snapshot.Band;
        BattleCommand? best = null;
        var bestValue = 0.0;

        void Consider(BattleCommand command, double value)
        {
            if (value > bestValue)
            {
                best = command;
                bestValue = value;
            }
        }

        var (laser, laserExpected) = DamageOdds.BestLaser(me, turret, enemy, band, enemy.ActiveSandBonus);
        if (laser is { } kind)
        {
            Consider(new FireLasers(Side, turret.Index, kind), laserExpected);
        }
        if (DamageOdds.MissileWorthLaunching(me, turret, enemy, band))
        {
            Consider(new LaunchMissiles(Side, turret.Index), DamageOdds.ExpectedSalvoDamage(me, turret, enemy, band));
        }
        if (turret.Class.HasLaser && me.LasersPowered)
        {
            foreach (var salvo in snapshot.SalvosAgainst(Side))
            {
                Consider(new PointDefence(Side, turret.Index, salvo.Id), PointDefenceValue(me, turret, salvo));
            }
        }
        if (turret.Class.Has(WeaponKind.Sandcaster) && me.Sand > 0)
        {
            Consider(new CastSand(Side, turret.Index), SandValue(me, enemy, band));
        }
        return best;
    }

    /// <summary>Missile damage it expects to stop, judged by the salvo's chance to hit (its public DMs), not its hidden roll.</summary>
    private static double PointDefenceValue(ShipSnapshot me, TurretSnapshot turret, SalvoSnapshot salvo)
    {
        var perMissile = DamageOdds.ExpectedAttackDamage(salvo.AttackDm, WeaponKind.MissileRack.DamageDice(), 0, me.Armour);
        var modifiers = ActionRules.PointDefenceOdds(me, turret).TotalDm;
        var twoDice = DamageOdds.Distribution(2);
        var expectedDestroyed = 0.0;
        for (var sum = 2; sum <= 12; sum++)
        {
            var effect = sum + modifiers - CheckRoll.StandardTarget;
            if (effect >= 0)
            {
                expectedDestroyed += twoDice[sum] * Math.Min(salvo.Missiles, 1 + effect);
            }
        }
        return expectedDestroyed * perMissile;
    }

    /// <summary>Enemy laser damage it expects sand to stop until its next turn.</summary>
    private static double SandValue(ShipSnapshot me, ShipSnapshot enemy, RangeBand band)
    {
        double EnemyLaserDamage(int sand) => enemy.Turrets.Sum(t => DamageOdds.BestLaser(enemy, t, me, band, sand).Expected);

        var unprotected = EnemyLaserDamage(me.ActiveSandBonus);
        if (unprotected <= 0)
        {
            return 0;
        }
        var twoDice = DamageOdds.Distribution(2);
        var modifiers = ActionRules.SandOdds(me).TotalDm;
        var prevented = 0.0;
        for (var sum = 2; sum <= 12; sum++)
        {
            var effect = sum + modifiers - CheckRoll.StandardTarget;
            if (effect < 0)
            {
                continue;
            }
            for (var die = 1; die <= 6; die++)
            {
                var sand = Math.Max(me.ActiveSandBonus, die + effect);
                prevented += twoDice[sum] / 6 * (unprotected - EnemyLaserDamage(sand));
            }
        }
        return prevented;
    }
}
