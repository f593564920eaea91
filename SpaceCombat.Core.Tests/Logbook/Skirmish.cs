using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Logbook;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Logbook;

/// <summary>A player's whims: a stream of choices whose whole state is one number (SplitMix64), so play can resume anywhere.</summary>
public struct Whims(ulong state)
{
    public ulong State { get; private set; } = state;

    /// <summary>A choice from 0 to <paramref name="count"/> − 1.</summary>
    public int Next(int count)
    {
        State += 0x9E3779B97F4A7C15UL;
        var z = State;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)count);
    }
}

/// <summary>
/// Random battles played through a logbook the way the server plays them: an AI captain plays each of its sides'
/// turns whole; a person's side gives a mix of plain turret uses, a careful captain's suggestion, random and often
/// refused commands, end turns, turn timeouts (some stale), and now and then a surrender, forfeit or abandon by either
/// side.
/// Each person's command is chosen from <see cref="Whims"/> alone, so play resumed from an accepted command with the
/// whims as they stood then goes on exactly as the uninterrupted battle did.
/// </summary>
public static class Skirmish
{
    private static readonly int[] Thrusts = [-1, 0, 1, 1, 2, 2, 3, 4, 5, 7, 50];

    private static readonly string[] Outranged = ["free_trader", "far_trader", "seeker"];
    private static readonly string[] Outranging = ["scout", "safari_ship", "patrol_corvette", "mercenary_cruiser"];

    /// <summary>
    /// A random set-up and the sides the AI commands (none, one or both). One battle in six is a chase: an AI ship whose
    /// beam lasers cannot reach Long against a person's pulse lasers at Long, where the person holds the range
    /// (<see cref="HoldTheRange"/>) until the AI surrenders as outmatched (RULES.md section 10) — its memory at work.
    /// </summary>
    public static (BattleSetup Setup, Side[] AiSides) Draw(ref Whims whims)
    {
        if (whims.Next(6) == 0)
        {
            var ai = whims.Next(2) == 0 ? Side.One : Side.Two;
            var outranged = Outranged[whims.Next(Outranged.Length)];
            var outranging = Outranging[whims.Next(Outranging.Length)];
            return (new BattleSetup(ai == Side.One ? outranged : outranging, ai == Side.One ? outranging : outranged, RangeBand.Long), [ai]);
        }
        var ships = ShipRoster.All;
        var one = ships[whims.Next(ships.Count)].Id;
        var two = ships[whims.Next(ships.Count)].Id;
        var band = RangeTable.Bands[whims.Next(RangeTable.Bands.Count)];
        var maxRounds = whims.Next(20) switch
        {
            < 8 => 1 + whims.Next(10),
            < 18 => 11 + whims.Next(30),
            _ => BattleSetup.DefaultMaxRounds,
        };
        var setup = new BattleSetup(one, two, band, maxRounds);
        Side[] aiSides = whims.Next(4) switch
        {
            0 => [],
            1 => [Side.One],
            2 => [Side.Two],
            _ => [Side.One, Side.Two],
        };
        return (setup, aiSides);
    }

    /// <summary>
    /// One step of play: the AI's whole turn, or one command of a person's. <paramref name="onAccepted"/> hears each
    /// accepted command with its events, in order.
    /// </summary>
    public static void Step(BattleLogbook logbook, ref Whims whims, Action<IReadOnlyList<BattleEvent>> onAccepted)
    {
        var snapshot = logbook.Snapshot;
        var active = snapshot.ActiveSide!.Value;
        if (logbook.Opening.AiSides.Contains(active))
        {
            logbook.PlayAiTurn((_, result) =>
            {
                if (result.Accepted)
                {
                    onAccepted(result.Events);
                }
            });
            return;
        }
        var result = logbook.Execute(PersonsCommand(ref whims, snapshot, active));
        if (result.Accepted)
        {
            onAccepted(result.Events);
        }
    }

    private static BattleCommand PersonsCommand(ref Whims whims, BattleSnapshot snapshot, Side active)
    {
        if (HoldTheRange(snapshot, active) is { } hold && whims.Next(10) != 0)
        {
            return hold;
        }
        return whims.Next(1000) switch
        {
            < 120 => new AiCaptain(active).Decide(snapshot) ?? new EndTurn(active),
            < 560 => GunnersChoice(ref whims, snapshot, active),
            < 760 => RandomCommand(ref whims, snapshot, active),
            < 860 => new EndTurn(active),
            < 985 => new ExpireTurn(active, snapshot.TurnNumber - (whims.Next(5) == 0 ? 1 : 0)),
            < 992 => new Surrender(whims.Next(2) == 0 ? active : active.Opponent()),
            < 997 => new Forfeit(whims.Next(2) == 0 ? active : active.Opponent()),
            _ => new Abandon(),
        };
    }

    /// <summary>Cancels the enemy's closing thrust while the enemy is outmatched at this band, so it stays outmatched.</summary>
    private static Manoeuvre? HoldTheRange(BattleSnapshot snapshot, Side active)
    {
        var me = snapshot.Ship(active);
        var enemy = snapshot.Ship(active.Opponent());
        if (snapshot.ActiveSideHasManoeuvred || snapshot.Pool.Direction != ManoeuvreDirection.Close || snapshot.Pool.Thrust > me.Thrust
            || enemy.Thrust > me.Thrust || DamageOdds.CanAttack(enemy, me, snapshot.Band) || !DamageOdds.CanAttack(me, enemy, snapshot.Band, lasersOnly: true))
        {
            return null;
        }
        return new Manoeuvre(active, ManoeuvreDirection.Open, snapshot.Pool.Thrust);
    }

    /// <summary>A ready turret's plain use (a laser shot, point defence, a salvo or sand), which may be out of range.</summary>
    private static BattleCommand GunnersChoice(ref Whims whims, BattleSnapshot snapshot, Side active)
    {
        var me = snapshot.Ship(active);
        var ready = me.Turrets.Where(t => !t.Used && t.IsWorking).ToArray();
        if (ready.Length == 0)
        {
            return new EndTurn(active);
        }
        var turret = ready[whims.Next(ready.Length)];
        var uses = new List<BattleCommand>(4);
        if (turret.Class.HasLaser)
        {
            uses.Add(new FireLasers(active, turret.Index));
            if (snapshot.Salvos.FirstOrDefault(s => s.Launcher != active) is { } inbound)
            {
                uses.Add(new PointDefence(active, turret.Index, inbound.Id));
            }
        }
        if (turret.Class.Has(WeaponKind.MissileRack))
        {
            uses.Add(new LaunchMissiles(active, turret.Index));
        }
        if (turret.Class.Has(WeaponKind.Sandcaster))
        {
            uses.Add(new CastSand(active, turret.Index));
        }
        return uses[whims.Next(uses.Count)];
    }

    private static BattleCommand RandomCommand(ref Whims whims, BattleSnapshot snapshot, Side active)
    {
        var side = whims.Next(10) == 0 ? active.Opponent() : active;
        var turret = whims.Next(snapshot.Ship(side).Turrets.Count + 1);
        var salvos = snapshot.Salvos;
        return whims.Next(6) switch
        {
            0 => new FireLasers(side, turret, whims.Next(3) == 0 ? (WeaponKind)whims.Next(4) : null),
            1 => new LaunchMissiles(side, turret),
            2 => new PointDefence(side, turret, salvos.Count == 0 || whims.Next(4) == 0 ? whims.Next(5) : salvos[whims.Next(salvos.Count)].Id),
            3 => new CastSand(side, turret),
            4 => new Manoeuvre(side, whims.Next(2) == 0 ? ManoeuvreDirection.Close : ManoeuvreDirection.Open, Thrusts[whims.Next(Thrusts.Length)]),
            _ => new EndTurn(side),
        };
    }
}
