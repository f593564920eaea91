using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Ai;

/// <summary>Exact expected values of the game's rolls, as the AI judges them: what the dice give on average, hit chance included.</summary>
public static class DamageOdds
{
    private const int OffsetRange = 64;
    private static readonly double[] TwoDice = Distribution(2);
    private static readonly Dictionary<int, double[]> PositivePartByDice = [];
    private static readonly Lock PositivePartLock = new();

    /// <summary>Probability that the sum of <paramref name="dice"/> d6 is each value (index = sum).</summary>
    public static double[] Distribution(int dice)
    {
        var counts = new double[dice * 6 + 1];
        counts[0] = 1;
        for (var d = 0; d < dice; d++)
        {
            var next = new double[counts.Length];
            for (var sum = 0; sum < counts.Length; sum++)
            {
                if (counts[sum] == 0)
                {
                    continue;
                }
                for (var face = 1; face <= 6 && sum + face < next.Length; face++)
                {
                    next[sum + face] += counts[sum] / 6;
                }
            }
            counts = next;
        }
        return counts;
    }

    /// <summary>Chance that 2D + <paramref name="modifiers"/> reaches 8.</summary>
    public static double CheckChance(int modifiers) => CheckOdds.WaysToReach(CheckRoll.StandardTarget - modifiers) / 36.0;

    /// <summary>The 2D score a check needs on the dice to succeed with these modifiers.</summary>
    public static int ScoreNeeded(int modifiers) => CheckRoll.StandardTarget - modifiers;

    /// <summary>E[max(0, nD6 + offset)].</summary>
    public static double ExpectedPositive(int dice, int offset)
    {
        double[] table;
        lock (PositivePartLock)
        {
            if (!PositivePartByDice.TryGetValue(dice, out table!))
            {
                var distribution = Distribution(dice);
                table = new double[2 * OffsetRange + 1];
                for (var o = -OffsetRange; o <= OffsetRange; o++)
                {
                    var expected = 0.0;
                    for (var sum = dice; sum < distribution.Length; sum++)
                    {
                        expected += distribution[sum] * Math.Max(0, sum + o);
                    }
                    table[o + OffsetRange] = expected;
                }
                PositivePartByDice[dice] = table;
            }
        }
        if (offset < -OffsetRange)
        {
            return 0;
        }
        return offset > OffsetRange ? dice * 3.5 + offset : table[offset + OffsetRange];
    }

    /// <summary>Expected damage of one attack: 2D check with <paramref name="modifiers"/>, then <paramref name="damageDice"/>D + bonus + Effect − armour.</summary>
    public static double ExpectedAttackDamage(int modifiers, int damageDice, int bonus, int armour)
    {
        var expected = 0.0;
        for (var sum = 2; sum <= 12; sum++)
        {
            var effect = sum + modifiers - CheckRoll.StandardTarget;
            if (effect >= 0)
            {
                expected += TwoDice[sum] * ExpectedPositive(damageDice, bonus + effect - armour);
            }
        }
        return expected;
    }

    /// <summary>The sum of the attack modifiers a ship's turret would have against a target at a band (the engine's own, from <see cref="ActionRules"/>).</summary>
    public static int AttackModifiers(ShipSnapshot attacker, TurretSnapshot turret, ShipSnapshot target, RangeBand band) =>
        ActionRules.AttackOdds(attacker, turret, target, band).TotalDm;

    /// <summary>Whether this turret could fire this laser kind at the band (ignoring whether it was used this turn).</summary>
    public static bool CanFireLaser(ShipSnapshot ship, TurretSnapshot turret, WeaponKind laser, RangeBand band) =>
        ActionRules.FireRefusal(ship, turret, laser, band) is null;

    public static bool CanLaunch(ShipSnapshot ship, TurretSnapshot turret, RangeBand band) =>
        ActionRules.LaunchRefusal(ship, turret, band) is null;

    /// <summary>The best laser kind of a turret at a band and its expected damage (0 when it cannot fire).</summary>
    public static (WeaponKind? Laser, double Expected) BestLaser(ShipSnapshot ship, TurretSnapshot turret, ShipSnapshot target, RangeBand band, int targetSand)
    {
        WeaponKind? best = null;
        var bestExpected = 0.0;
        foreach (var laser in turret.Class.LaserKinds)
        {
            if (!CanFireLaser(ship, turret, laser, band))
            {
                continue;
            }
            var expected = ExpectedAttackDamage(AttackModifiers(ship, turret, target, band), laser.DamageDice(),
                WeaponTable.MultiWeaponBonus(laser, turret.Class.Count(laser)), target.Armour + targetSand);
            if (best is null || expected > bestExpected)
            {
                best = laser;
                bestExpected = expected;
            }
        }
        return (best, bestExpected);
    }

    /// <summary>Expected damage of a salvo launched now (every missile its own damage).</summary>
    public static double ExpectedSalvoDamage(ShipSnapshot ship, TurretSnapshot turret, ShipSnapshot target, RangeBand band)
    {
        if (!CanLaunch(ship, turret, band))
        {
            return 0;
        }
        var missiles = Math.Min(turret.Class.Count(WeaponKind.MissileRack), ship.Missiles);
        return missiles * ExpectedAttackDamage(AttackModifiers(ship, turret, target, band), WeaponKind.MissileRack.DamageDice(), 0, target.Armour);
    }

    /// <summary>A missile salvo is launched only if its check needs this or less on the 2D (a 28 % chance or better).</summary>
    public const int HighestScoreWorthAMissile = 9;

    /// <summary>Whether a salvo from this turret at the band has a good enough chance to be worth its missiles (RULES.md 10.3).</summary>
    public static bool MissileWorthLaunching(ShipSnapshot ship, TurretSnapshot turret, ShipSnapshot target, RangeBand band) =>
        CanLaunch(ship, turret, band) && ScoreNeeded(AttackModifiers(ship, turret, target, band)) <= HighestScoreWorthAMissile;

    /// <summary>
    /// Whether the ship can make an attack with a chance to succeed at the band: a laser that can hit, or a salvo worth
    /// launching (a salvo at hopeless range is not an attack the AI makes). Lasers only when <paramref name="lasersOnly"/>.
    /// </summary>
    public static bool CanAttack(ShipSnapshot ship, ShipSnapshot target, RangeBand band, bool lasersOnly = false)
    {
        foreach (var turret in ship.Turrets)
        {
            foreach (var laser in turret.Class.LaserKinds)
            {
                if (CanFireLaser(ship, turret, laser, band) && CheckChance(AttackModifiers(ship, turret, target, band)) > 0)
                {
                    return true;
                }
            }
            if (!lasersOnly && MissileWorthLaunching(ship, turret, target, band))
            {
                return true;
            }
        }
        return false;
    }
}
