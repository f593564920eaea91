using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// The one place that decides, from a snapshot, whether a side's command is legal (and why not) and which named
/// modifiers its check is rolled with. The engine refuses by it and rolls with its modifiers; the HUD and the AI ask it
/// what is possible and how likely (see <see cref="SideActions"/>), so all three agree by construction.
/// </summary>
public static class ActionRules
{
    /// <summary>Why the engine would refuse the command now, or null when it would run it (RULES.md section 4).</summary>
    public static Refusal? Check(BattleSnapshot snapshot, BattleCommand command)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (command is null)
        {
            return new Refusal(RefusalReason.InvalidCommand, "No command was given.");
        }
        if (!Enum.IsDefined(command.Side))
        {
            return new Refusal(RefusalReason.InvalidCommand, $"There is no side {(int)command.Side} in this battle.");
        }
        if (snapshot.IsOver)
        {
            return SharedRefusals.BattleOver;
        }
        if (command is Surrender)
        {
            return null;
        }
        if (command.Side != snapshot.ActiveSide)
        {
            return SharedRefusals.NotYourTurn;
        }
        var ship = snapshot.Ship(command.Side);
        return command switch
        {
            EndTurn => null,
            FireLasers fire => FireCheck(snapshot, ship, fire),
            LaunchMissiles launch => UnusedTurret(ship, launch.Turret, out var turret) ?? LaunchRefusal(ship, turret, snapshot.Band),
            PointDefence defence => PointDefenceCheck(snapshot, ship, defence),
            CastSand sand => UnusedTurret(ship, sand.Turret, out var turret) ?? SandRefusal(ship, turret),
            Manoeuvre manoeuvre => ManoeuvreRefusal(snapshot, ship, manoeuvre.Direction, manoeuvre.Thrust),
            _ => new Refusal(RefusalReason.InvalidCommand, $"Unknown command {command.GetType().Name}."),
        };
    }

    /// <summary>Whether this turret could fire this laser kind (null: its best) at the band, whether or not it was used this turn.</summary>
    public static Refusal? FireRefusal(ShipSnapshot ship, TurretSnapshot turret, WeaponKind? laser, RangeBand band)
    {
        ArgumentNullException.ThrowIfNull(ship);
        ArgumentNullException.ThrowIfNull(turret);
        if (ConditionRefusal(turret) is { } condition)
        {
            return condition;
        }
        if (!turret.Class.HasLaser)
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Index + 1} has no laser.");
        }
        var kind = laser ?? turret.Class.LaserKinds[0];
        if (!kind.IsLaser() || !turret.Class.Has(kind))
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Index + 1} has no {kind.DisplayName()}.");
        }
        if (!ship.LasersPowered)
        {
            return SharedRefusals.LasersUnpowered;
        }
        return RangeRefusal(ship, kind, band);
    }

    /// <summary>Whether this turret could launch a salvo at the band, whether or not it was used this turn.</summary>
    public static Refusal? LaunchRefusal(ShipSnapshot ship, TurretSnapshot turret, RangeBand band)
    {
        ArgumentNullException.ThrowIfNull(ship);
        ArgumentNullException.ThrowIfNull(turret);
        if (ConditionRefusal(turret) is { } condition)
        {
            return condition;
        }
        if (!turret.Class.Has(WeaponKind.MissileRack))
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Index + 1} has no missile rack.");
        }
        if (ship.Missiles == 0)
        {
            return SharedRefusals.NoMissiles;
        }
        return RangeRefusal(ship, WeaponKind.MissileRack, band);
    }

    /// <summary>Whether this turret could fire point defence at some inbound salvo, whether or not it was used this turn.</summary>
    public static Refusal? PointDefenceRefusal(ShipSnapshot ship, TurretSnapshot turret)
    {
        ArgumentNullException.ThrowIfNull(ship);
        ArgumentNullException.ThrowIfNull(turret);
        if (ConditionRefusal(turret) is { } condition)
        {
            return condition;
        }
        if (!turret.Class.HasLaser)
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Index + 1} has no laser for point defence.");
        }
        return ship.LasersPowered ? null : SharedRefusals.PointDefenceUnpowered;
    }

    /// <summary>Whether this turret could cast sand, whether or not it was used this turn.</summary>
    public static Refusal? SandRefusal(ShipSnapshot ship, TurretSnapshot turret)
    {
        ArgumentNullException.ThrowIfNull(ship);
        ArgumentNullException.ThrowIfNull(turret);
        if (ConditionRefusal(turret) is { } condition)
        {
            return condition;
        }
        if (!turret.Class.Has(WeaponKind.Sandcaster))
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Index + 1} has no sandcaster.");
        }
        return ship.Sand == 0 ? SharedRefusals.NoSand : null;
    }

    /// <summary>Whether the active ship may manoeuvre this way with this thrust now (RULES.md section 5).</summary>
    public static Refusal? ManoeuvreRefusal(BattleSnapshot snapshot, ShipSnapshot ship, ManoeuvreDirection direction, int thrust)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ship);
        if (snapshot.ActiveSideHasManoeuvred)
        {
            return SharedRefusals.AlreadyManoeuvred;
        }
        if (!Enum.IsDefined(direction))
        {
            return new Refusal(RefusalReason.InvalidCommand, "Manoeuvre must close or open the range.");
        }
        if (ship.Thrust == 0)
        {
            return SharedRefusals.NoThrust;
        }
        if (thrust < 1 || thrust > ship.Thrust)
        {
            return new Refusal(RefusalReason.InvalidThrust, $"Thrust must be from 1 to {ship.Thrust}.");
        }
        var atEdge = (direction == ManoeuvreDirection.Close && snapshot.Band == RangeBand.Adjacent)
            || (direction == ManoeuvreDirection.Open && snapshot.Band == RangeBand.Distant);
        if (atEdge && (snapshot.Pool.IsEmpty || snapshot.Pool.Direction == direction))
        {
            return direction == ManoeuvreDirection.Close ? SharedRefusals.AdjacentAlready : SharedRefusals.DistantAlready;
        }
        return null;
    }

    /// <summary>The modifiers of a laser attack or a missile launch (RULES.md sections 6 and 8), in the order the log shows them.</summary>
    public static IReadOnlyList<Modifier> AttackModifiers(ShipSnapshot attacker, TurretSnapshot turret, ShipSnapshot target, RangeBand band) =>
        CheckModifiers.Of(CheckModifiers.Attack(attacker, turret, target, band));

    /// <summary>The modifiers of point defence (RULES.md section 6: Sensors do not apply).</summary>
    public static IReadOnlyList<Modifier> PointDefenceModifiers(ShipSnapshot ship, TurretSnapshot turret) =>
        CheckModifiers.Of(CheckModifiers.PointDefence(ship, turret));

    /// <summary>The modifiers of casting sand (RULES.md section 7).</summary>
    public static IReadOnlyList<Modifier> SandModifiers(ShipSnapshot ship) => CheckModifiers.Of(CheckModifiers.Sand(ship));

    /// <summary>The odds of this turret's attack on the target at the band (a laser attack or a missile launch check); shared, not made anew.</summary>
    public static CheckOdds AttackOdds(ShipSnapshot attacker, TurretSnapshot turret, ShipSnapshot target, RangeBand band) =>
        CheckModifiers.OddsOf(CheckModifiers.Attack(attacker, turret, target, band));

    /// <summary>The odds of this turret's point defence; shared, not made anew.</summary>
    public static CheckOdds PointDefenceOdds(ShipSnapshot ship, TurretSnapshot turret) => CheckModifiers.OddsOf(CheckModifiers.PointDefence(ship, turret));

    /// <summary>The odds of casting sand; shared, not made anew.</summary>
    public static CheckOdds SandOdds(ShipSnapshot ship) => CheckModifiers.OddsOf(CheckModifiers.Sand(ship));

    /// <summary>The options of a side now, made once per snapshot and side (every HUD of a battle shares them).</summary>
    public static SideActions For(BattleSnapshot snapshot, Side side) => SideActions.For(snapshot, side);

    private static Refusal? FireCheck(BattleSnapshot snapshot, ShipSnapshot ship, FireLasers fire)
    {
        if (fire.Laser is { } kind && !Enum.IsDefined(kind))
        {
            return new Refusal(RefusalReason.InvalidCommand, $"There is no weapon kind {(int)kind}.");
        }
        return UnusedTurret(ship, fire.Turret, out var turret) ?? FireRefusal(ship, turret, fire.Laser, snapshot.Band);
    }

    private static Refusal? PointDefenceCheck(BattleSnapshot snapshot, ShipSnapshot ship, PointDefence defence)
    {
        if ((UnusedTurret(ship, defence.Turret, out var turret) ?? PointDefenceRefusal(ship, turret)) is { } refusal)
        {
            return refusal;
        }
        foreach (var salvo in snapshot.Salvos)
        {
            if (salvo.Id == defence.SalvoId && salvo.Launcher != defence.Side)
            {
                return null;
            }
        }
        return new Refusal(RefusalReason.UnknownSalvo, $"There is no inbound salvo {defence.SalvoId}.");
    }

    private static Refusal? UnusedTurret(ShipSnapshot ship, int index, out TurretSnapshot turret)
    {
        turret = null!;
        if (index < 0 || index >= ship.Turrets.Count)
        {
            return new Refusal(RefusalReason.UnknownTurret, $"There is no turret {(long)index + 1}: the {ship.Class.Name} has {ship.Turrets.Count}.");
        }
        turret = ship.Turrets[index];
        return turret.Used ? SharedRefusals.TurretUsed(index) : null;
    }

    private static Refusal? ConditionRefusal(TurretSnapshot turret) => turret.Condition switch
    {
        TurretCondition.Disabled => SharedRefusals.TurretDisabled(turret.Index),
        TurretCondition.Destroyed => SharedRefusals.TurretDestroyed(turret.Index),
        _ => null,
    };

    private static Refusal? RangeRefusal(ShipSnapshot ship, WeaponKind weapon, RangeBand band)
    {
        var longest = weapon.LongestBand()!.Value;
        if (band > longest)
        {
            return SharedRefusals.OutOfRange(weapon, longest, band);
        }
        return ship.SensorsLimit switch
        {
            null => SharedRefusals.SensorsDestroyed,
            { } limit when band > limit => SharedRefusals.BeyondSensors(limit, band),
            _ => null,
        };
    }
}
