using System.Text.Json.Serialization;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>Something that happened in a battle. <see cref="Actor"/> is the side that acted, if any.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(BattleStarted), "battle_started")]
[JsonDerivedType(typeof(InitiativeRolled), "initiative")]
[JsonDerivedType(typeof(RoundStarted), "round_started")]
[JsonDerivedType(typeof(TurnStarted), "turn_started")]
[JsonDerivedType(typeof(LaserAttack), "laser_attack")]
[JsonDerivedType(typeof(MissilesLaunched), "missile_launch")]
[JsonDerivedType(typeof(MissileStrike), "missile_strike")]
[JsonDerivedType(typeof(PointDefenceFired), "point_defence")]
[JsonDerivedType(typeof(SandCast), "sand")]
[JsonDerivedType(typeof(Manoeuvred), "manoeuvre")]
[JsonDerivedType(typeof(CriticalHit), "critical")]
[JsonDerivedType(typeof(TurnEnded), "turn_ended")]
[JsonDerivedType(typeof(BattleEnded), "battle_ended")]
public abstract record BattleEvent(int Round, Side? Actor);

public sealed record BattleStarted(string ShipOne, string ShipTwo, RangeBand Band) : BattleEvent(0, null);

/// <summary>One round of initiative rolls; the higher total wins (there is no target to reach).</summary>
public sealed record InitiativeAttempt(InitiativeRoll One, InitiativeRoll Two);

/// <summary>Initiative: every attempt (ties are rolled again) and the side that acts first each round.</summary>
public sealed record InitiativeRolled(IReadOnlyList<InitiativeAttempt> Attempts, Side FirstSide) : BattleEvent(0, FirstSide);

public sealed record RoundStarted(int Round) : BattleEvent(Round, null);

public sealed record TurnStarted(int Round, Side Side, int TurnNumber) : BattleEvent(Round, Side);

/// <summary>A laser attack; <see cref="Damage"/> is null on a miss. <see cref="TurretNumber"/> counts from 1, as players read it.</summary>
public sealed record LaserAttack(int Round, Side Side, int TurretNumber, WeaponKind Weapon, int WeaponCount, RangeBand Band, CheckRoll Check, DamageRoll? Damage)
    : BattleEvent(Round, Side);

/// <summary>
/// A salvo leaves its turret (<see cref="TurretNumber"/> counts from 1). <see cref="Check"/> is hidden from the defender
/// until the salvo strikes or is destroyed.
/// </summary>
public sealed record MissilesLaunched(int Round, Side Side, int TurretNumber, int SalvoId, int Missiles, RangeBand Band, int StrikeRound, CheckRoll Check)
    : BattleEvent(Round, Side);

/// <summary>A salvo strikes; its launch check is revealed. One damage entry per surviving missile when it hit.</summary>
public sealed record MissileStrike(int Round, Side Side, int SalvoId, int Missiles, CheckRoll Check, IReadOnlyList<DamageRoll> Damage)
    : BattleEvent(Round, Side);

/// <summary>Point defence from a turret (counted from 1) against a salvo; when the salvo is wiped out its launch check is revealed.</summary>
public sealed record PointDefenceFired(int Round, Side Side, int TurretNumber, int SalvoId, CheckRoll Check, int Destroyed, int Remaining, CheckRoll? RevealedLaunchCheck)
    : BattleEvent(Round, Side);

/// <summary>Sand cast from a turret (counted from 1): on success the armour bonus against lasers (1D + Effect) until the caster's next turn.</summary>
public sealed record SandCast(int Round, Side Side, int TurretNumber, CheckRoll Check, int? SandDie, int ArmourBonus) : BattleEvent(Round, Side);

public sealed record ManoeuvrePool(ManoeuvreDirection? Direction, int Thrust)
{
    public static ManoeuvrePool Empty { get; } = new(null, 0);

    public bool IsEmpty => Thrust == 0;
}

public sealed record Manoeuvred(int Round, Side Side, ManoeuvreDirection Direction, int Thrust, RangeBand From, RangeBand To, ManoeuvrePool Pool)
    : BattleEvent(Round, Side);

public enum CriticalCause
{
    Effect,
    SustainedDamage,
}

/// <summary>
/// A critical hit on the ship of <see cref="TargetSide"/>, caused by an attack of <see cref="AttackerSide"/> (the event's
/// actor). <see cref="TurretNumber"/> (counted from 1) for Weapon criticals, <see cref="HullDamage"/> for Hull criticals.
/// <see cref="Effect"/> states what the location's criticals now do to this ship, with the values as applied (clamped).
/// </summary>
public sealed record CriticalHit(
    int Round,
    Side TargetSide,
    CriticalCause Cause,
    IReadOnlyList<int> LocationDice,
    CriticalLocation Location,
    int Severity,
    int LocationSeverity,
    int? TurretNumber,
    string Effect,
    DamageRoll? HullDamage) : BattleEvent(Round, TargetSide.Opponent())
{
    public Side AttackerSide => TargetSide.Opponent();
}

public enum TurnEndReason
{
    EndTurn,
    TimerExpired,
}

public sealed record TurnEnded(int Round, Side Side, TurnEndReason Reason) : BattleEvent(Round, Side);

public enum BattleEndReason
{
    Destroyed,
    Surrendered,
    Forfeited,
    RoundLimit,
    NoWayToDamage,
    Abandoned,
}

/// <summary>The one result of a battle: the winner (null for a draw), the reason and the rounds fought.</summary>
public sealed record BattleOutcome(Side? Winner, BattleEndReason Reason, int Rounds)
{
    public bool IsDraw => Winner is null;

    public Side? Loser => Winner?.Opponent();
}

public sealed record BattleEnded(int Round, BattleOutcome Outcome) : BattleEvent(Round, Outcome.Winner);
