using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

public sealed partial class Battle
{
    // The action methods below run commands ActionRules.Check has allowed; "before" is the snapshot it judged, whose
    // modifiers the checks roll with, so the odds the HUD and the AI read are the engine's own.

    private void Fire(FireLasers command, BattleSnapshot before)
    {
        var ship = ShipOf(command.Side);
        var turret = ship.Turrets[command.Turret];
        var laser = command.Laser ?? turret.Class.LaserKinds[0];
        var target = ShipOf(command.Side.Opponent());
        var modifiers = ActionRules.AttackModifiers(before.Ship(command.Side), before.Ship(command.Side).Turrets[command.Turret], before.Ship(target.Side), Band);
        var count = turret.Class.Count(laser);
        turret.Used = true;
        var check = CheckRoll.Make(_dice.RollD6(2), modifiers);
        if (!check.Success)
        {
            Emit(new LaserAttack(Round, command.Side, turret.Number, laser, count, Band, check, null));
            return;
        }
        var damage = RollDamage(target, laser.DamageDice(), WeaponTable.MultiWeaponBonus(laser, count), check.Effect, target.ActiveSandBonus);
        Emit(new LaserAttack(Round, command.Side, turret.Number, laser, count, Band, check, damage));
        ApplyCriticals(target, damage.Damage, check.Effect);
        CheckDestroyed(target);
        CheckNoWayToDamage();
    }

    private void Launch(LaunchMissiles command, BattleSnapshot before)
    {
        var ship = ShipOf(command.Side);
        var turret = ship.Turrets[command.Turret];
        var target = ShipOf(command.Side.Opponent());
        var modifiers = ActionRules.AttackModifiers(before.Ship(command.Side), before.Ship(command.Side).Turrets[command.Turret], before.Ship(target.Side), Band);
        var count = Math.Min(turret.Class.Count(WeaponKind.MissileRack), ship.Missiles);
        turret.Used = true;
        ship.Missiles -= count;
        var check = CheckRoll.Make(_dice.RollD6(2), modifiers);
        var salvo = new Salvo(_nextSalvoId++, command.Side, turret.Index, count, Round, Round + RangeTable.MissileFlightRounds(Band), Band, check);
        _salvos.Add(salvo);
        Emit(new MissilesLaunched(Round, command.Side, turret.Number, salvo.Id, count, Band, salvo.StrikeRound, check));
    }

    private void Defend(PointDefence command, BattleSnapshot before)
    {
        var ship = ShipOf(command.Side);
        var turret = ship.Turrets[command.Turret];
        var salvo = _salvos.First(s => s.Id == command.SalvoId && s.Launcher != command.Side);
        var modifiers = ActionRules.PointDefenceModifiers(before.Ship(command.Side), before.Ship(command.Side).Turrets[command.Turret]);
        turret.Used = true;
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
    }

    private void Sand(CastSand command, BattleSnapshot before)
    {
        var ship = ShipOf(command.Side);
        var turret = ship.Turrets[command.Turret];
        var modifiers = ActionRules.SandModifiers(before.Ship(command.Side));
        turret.Used = true;
        ship.Sand--;
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
    }

    private void Move(Manoeuvre command)
    {
        // ActionRules refused the manoeuvres RangeManoeuvre has no result for (the edge with no pool to cancel).
        var from = Band;
        (Band, Pool) = RangeManoeuvre.Apply(Band, Pool, command.Direction, command.Thrust)!.Value;
        ActiveSideHasManoeuvred = true;
        Emit(new Manoeuvred(Round, command.Side, command.Direction, command.Thrust, from, Band, Pool));
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
