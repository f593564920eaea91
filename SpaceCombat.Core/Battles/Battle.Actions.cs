using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

public sealed partial class Battle
{
    private Refusal? Fire(FireLasers command)
    {
        if (command.Laser is { } kind && !Enum.IsDefined(kind))
        {
            return new Refusal(RefusalReason.InvalidCommand, $"There is no weapon kind {(int)kind}.");
        }
        var ship = ShipOf(command.Side);
        if (UsableTurret(ship, command.Turret, out var turret) is { } turretRefusal)
        {
            return turretRefusal;
        }
        if (!turret.Class.HasLaser)
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Number} has no laser.");
        }
        var laser = command.Laser ?? turret.Class.LaserKinds.First();
        if (!laser.IsLaser() || !turret.Class.Has(laser))
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Number} has no {laser.DisplayName()}.");
        }
        if (!ship.LasersPowered)
        {
            return new Refusal(RefusalReason.SystemDisabled, "The Power Plant is too damaged: lasers cannot fire.");
        }
        if (AttackRangeRefusal(ship, laser) is { } rangeRefusal)
        {
            return rangeRefusal;
        }

        var target = ShipOf(command.Side.Opponent());
        var count = turret.Class.Count(laser);
        turret.Used = true;
        var check = CheckRoll.Make(_dice.RollD6(2), AttackModifiers(ship, target, turret));
        if (!check.Success)
        {
            Emit(new LaserAttack(Round, command.Side, turret.Number, laser, count, Band, check, null));
            return null;
        }
        var damage = RollDamage(target, laser.DamageDice(), WeaponTable.MultiWeaponBonus(laser, count), check.Effect, target.ActiveSandBonus);
        Emit(new LaserAttack(Round, command.Side, turret.Number, laser, count, Band, check, damage));
        ApplyCriticals(target, damage.Damage, check.Effect);
        CheckDestroyed(target);
        CheckNoWayToDamage();
        return null;
    }

    private Refusal? Launch(LaunchMissiles command)
    {
        var ship = ShipOf(command.Side);
        if (UsableTurret(ship, command.Turret, out var turret) is { } turretRefusal)
        {
            return turretRefusal;
        }
        if (!turret.Class.Has(WeaponKind.MissileRack))
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Number} has no missile rack.");
        }
        if (ship.Missiles == 0)
        {
            return new Refusal(RefusalReason.NoAmmunition, "No missiles left.");
        }
        if (AttackRangeRefusal(ship, WeaponKind.MissileRack) is { } rangeRefusal)
        {
            return rangeRefusal;
        }

        var target = ShipOf(command.Side.Opponent());
        var count = Math.Min(turret.Class.Count(WeaponKind.MissileRack), ship.Missiles);
        turret.Used = true;
        ship.Missiles -= count;
        var check = CheckRoll.Make(_dice.RollD6(2), AttackModifiers(ship, target, turret));
        var salvo = new Salvo(_nextSalvoId++, command.Side, turret.Index, count, Round, Round + RangeTable.MissileFlightRounds(Band), Band, check);
        _salvos.Add(salvo);
        Emit(new MissilesLaunched(Round, command.Side, turret.Number, salvo.Id, count, Band, salvo.StrikeRound, check));
        return null;
    }

    private Refusal? Defend(PointDefence command)
    {
        var ship = ShipOf(command.Side);
        if (UsableTurret(ship, command.Turret, out var turret) is { } turretRefusal)
        {
            return turretRefusal;
        }
        if (!turret.Class.HasLaser)
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Number} has no laser for point defence.");
        }
        if (!ship.LasersPowered)
        {
            return new Refusal(RefusalReason.SystemDisabled, "The Power Plant is too damaged: no point defence.");
        }
        var salvo = _salvos.FirstOrDefault(s => s.Id == command.SalvoId && s.Launcher != command.Side);
        if (salvo is null)
        {
            return new Refusal(RefusalReason.UnknownSalvo, $"There is no inbound salvo {command.SalvoId}.");
        }

        turret.Used = true;
        var modifiers = new List<Modifier>();
        AddSkill(modifiers, "Gunner", ship.Class.Gunner, ship.Gunner);
        if (turret.Class.LaserCount > 1)
        {
            modifiers.Add(new Modifier("Extra lasers", turret.Class.LaserCount - 1));
        }
        AddIfNonZero(modifiers, "Computer critical", ship.ComputerDm);
        AddIfNonZero(modifiers, "Weapon critical", turret.WeaponDm);
        var check = CheckRoll.Make(_dice.RollD6(2), modifiers);
        var destroyed = check.Success ? Math.Min(salvo.Missiles, 1 + check.Effect) : 0;
        salvo.Missiles -= destroyed;
        CheckRoll? revealed = null;
        if (salvo.Missiles == 0)
        {
            _salvos.Remove(salvo);
            revealed = salvo.Check;
        }
        Emit(new PointDefenceFired(Round, command.Side, turret.Number, salvo.Id, check, destroyed, salvo.Missiles, revealed));
        CheckNoWayToDamage();
        return null;
    }

    private Refusal? Sand(CastSand command)
    {
        var ship = ShipOf(command.Side);
        if (UsableTurret(ship, command.Turret, out var turret) is { } turretRefusal)
        {
            return turretRefusal;
        }
        if (!turret.Class.Has(WeaponKind.Sandcaster))
        {
            return new Refusal(RefusalReason.WeaponNotInTurret, $"Turret {turret.Number} has no sandcaster.");
        }
        if (ship.Sand == 0)
        {
            return new Refusal(RefusalReason.NoAmmunition, "No sand canisters left.");
        }

        turret.Used = true;
        ship.Sand--;
        var modifiers = new List<Modifier>();
        AddSkill(modifiers, "Gunner", ship.Class.Gunner, ship.Gunner);
        AddIfNonZero(modifiers, "Computer critical", ship.ComputerDm);
        var check = CheckRoll.Make(_dice.RollD6(2), modifiers);
        int? die = null;
        var bonus = 0;
        if (check.Success)
        {
            die = _dice.Roll(6);
            bonus = die.Value + check.Effect;
            ship.ActiveSandBonus = Math.Max(ship.ActiveSandBonus, bonus);
        }
        Emit(new SandCast(Round, command.Side, turret.Number, check, die, bonus));
        return null;
    }

    private Refusal? Move(Manoeuvre command)
    {
        var ship = ShipOf(command.Side);
        if (ActiveSideHasManoeuvred)
        {
            return new Refusal(RefusalReason.AlreadyManoeuvred, "You have already manoeuvred this turn.");
        }
        if (!Enum.IsDefined(command.Direction))
        {
            return new Refusal(RefusalReason.InvalidCommand, "Manoeuvre must close or open the range.");
        }
        if (ship.Thrust == 0)
        {
            return new Refusal(RefusalReason.SystemDisabled, "Your drives give no thrust.");
        }
        if (command.Thrust < 1 || command.Thrust > ship.Thrust)
        {
            return new Refusal(RefusalReason.InvalidThrust, $"Thrust must be from 1 to {ship.Thrust}.");
        }

        if (RangeManoeuvre.Apply(Band, Pool, command.Direction, command.Thrust) is not { } moved)
        {
            return new Refusal(RefusalReason.RangeLimit, command.Direction == ManoeuvreDirection.Close
                ? "You are already Adjacent: you cannot close further."
                : "You are already at Distant: you cannot open further.");
        }
        var from = Band;
        (Band, Pool) = moved;
        ActiveSideHasManoeuvred = true;
        Emit(new Manoeuvred(Round, command.Side, command.Direction, command.Thrust, from, Band, Pool));
        return null;
    }

    private void Strike(Salvo salvo)
    {
        var target = ShipOf(salvo.Launcher.Opponent());
        var mark = Mark();
        var damages = new List<DamageRoll>();
        if (salvo.Check.Success)
        {
            for (var i = 0; i < salvo.Missiles && !target.IsDestroyed; i++)
            {
                var damage = RollDamage(target, WeaponKind.MissileRack.DamageDice(), 0, salvo.Check.Effect, sand: 0);
                damages.Add(damage);
                ApplyCriticals(target, damage.Damage, salvo.Check.Effect);
            }
        }
        EmitAt(mark, new MissileStrike(Round, salvo.Launcher, salvo.Id, salvo.Missiles, salvo.Check, damages));
        CheckDestroyed(target);
    }

    /// <summary>Checks the turret exists, is unused this turn and is not disabled or destroyed.</summary>
    private static Refusal? UsableTurret(ShipState ship, int index, out TurretState turret)
    {
        turret = null!;
        if (index < 0 || index >= ship.Turrets.Length)
        {
            return new Refusal(RefusalReason.UnknownTurret, $"There is no turret {index + 1}: the {ship.Class.Name} has {ship.Turrets.Length}.");
        }
        turret = ship.Turrets[index];
        if (turret.Used)
        {
            return new Refusal(RefusalReason.TurretAlreadyUsed, $"Turret {index + 1} has already been used this turn.");
        }
        return turret.Condition switch
        {
            TurretCondition.Disabled => new Refusal(RefusalReason.SystemDisabled, $"Turret {index + 1} is disabled."),
            TurretCondition.Destroyed => new Refusal(RefusalReason.SystemDestroyed, $"Turret {index + 1} is destroyed."),
            _ => null,
        };
    }

    private Refusal? AttackRangeRefusal(ShipState ship, WeaponKind weapon)
    {
        var longest = weapon.LongestBand()!.Value;
        if (Band > longest)
        {
            return new Refusal(RefusalReason.OutOfRange, $"The {weapon.DisplayName()} cannot attack past {longest.DisplayName()}; the range is {Band.DisplayName()}.");
        }
        return ship.SensorsLimit switch
        {
            null => new Refusal(RefusalReason.SystemDestroyed, "Your Sensors are destroyed: you cannot attack."),
            { } limit when Band > limit => new Refusal(RefusalReason.OutOfRange, $"Your damaged Sensors cannot attack past {limit.DisplayName()}; the range is {Band.DisplayName()}."),
            _ => null,
        };
    }

    private List<Modifier> AttackModifiers(ShipState attacker, ShipState target, TurretState turret)
    {
        var modifiers = new List<Modifier>();
        AddSkill(modifiers, "Gunner", attacker.Class.Gunner, attacker.Gunner);
        modifiers.Add(new Modifier("Range", RangeTable.AttackDm(Band)));
        AddIfNonZero(modifiers, "Target size", RangeTable.TargetSizeDm(target.Class.Tons));
        AddIfNonZero(modifiers, "Sensors critical", CriticalTable.SensorsDm(attacker.Severity(CriticalLocation.Sensors), Band));
        AddIfNonZero(modifiers, "Computer critical", attacker.ComputerDm);
        AddIfNonZero(modifiers, "Weapon critical", turret.WeaponDm);
        return modifiers;
    }

    private static void AddSkill(List<Modifier> modifiers, string name, int baseSkill, int effectiveSkill)
    {
        modifiers.Add(new Modifier(name, baseSkill));
        AddIfNonZero(modifiers, "Crew critical", effectiveSkill - baseSkill);
    }

    private static void AddIfNonZero(List<Modifier> modifiers, string name, int value)
    {
        if (value != 0)
        {
            modifiers.Add(new Modifier(name, value));
        }
    }

    private DamageRoll RollDamage(ShipState target, int dice, int bonus, int effect, int sand)
    {
        var faces = _dice.RollD6(dice);
        var armour = target.Armour;
        var damage = Math.Max(0, faces.Sum() + bonus + effect - armour - sand);
        var before = target.Hull;
        target.Hull = Math.Max(0, target.Hull - damage);
        return new DamageRoll(faces, bonus, effect, armour, sand, damage, before, target.Hull);
    }

    /// <summary>RULES.md section 9: the Effect critical first, then one Severity 1 critical per 10 % step newly reached.</summary>
    private void ApplyCriticals(ShipState target, int damage, int effect)
    {
        if (target.IsDestroyed)
        {
            return;
        }
        var queue = new List<(int Severity, CriticalCause Cause)>();
        if (effect >= 6 && damage > 0)
        {
            queue.Add((CriticalTable.SeverityForDamage(damage), CriticalCause.Effect));
        }
        var reached = target.StepsReached();
        for (var step = target.SustainedStepsUsed + 1; step <= reached; step++)
        {
            queue.Add((1, CriticalCause.SustainedDamage));
        }
        target.SustainedStepsUsed = Math.Max(target.SustainedStepsUsed, reached);
        foreach (var (severity, cause) in queue)
        {
            if (target.IsDestroyed)
            {
                return;
            }
            ApplyCritical(target, severity, cause);
        }
    }

    private void ApplyCritical(ShipState target, int severity, CriticalCause cause)
    {
        var locationDice = _dice.RollD6(2);
        var location = CriticalTable.LocationFor(locationDice.Sum());
        var total = target.AddSeverity(location, severity);
        int? turretNumber = null;
        DamageRoll? hullDamage = null;
        var effect = CriticalEffectText.Describe(target, location);
        switch (location)
        {
            case CriticalLocation.Weapon:
                var working = target.Turrets.Where(t => t.IsWorking).ToArray();
                if (working.Length == 0)
                {
                    effect = "no working turret left to strike";
                    break;
                }
                var struck = working.Length == 1 ? working[0] : working[_dice.Roll(working.Length) - 1];
                struck.Severity = Math.Min(CriticalTable.MaxSeverity, struck.Severity + severity);
                turretNumber = struck.Number;
                effect = $"turret {struck.Number} " + struck.Condition switch
                {
                    TurretCondition.Damaged => "damaged: DM −1 to its attacks",
                    TurretCondition.Disabled => "disabled",
                    _ => "destroyed",
                };
                break;
            case CriticalLocation.Hull:
                var faces = _dice.RollD6(severity);
                var before = target.Hull;
                target.Hull = Math.Max(0, target.Hull - faces.Sum());
                hullDamage = new DamageRoll(faces, 0, 0, 0, 0, faces.Sum(), before, target.Hull);
                target.SustainedStepsUsed = Math.Max(target.SustainedStepsUsed, target.StepsReached());
                break;
        }
        Emit(new CriticalHit(Round, target.Side, cause, locationDice, location, severity, total, turretNumber, effect, hullDamage));
    }
}
