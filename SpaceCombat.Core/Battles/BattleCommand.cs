using System.Text.Json.Serialization;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// Everything that can change a battle. Each command names the side that gives it. In JSON (<see cref="BattleJson"/>)
/// its <c>type</c> is its <see cref="Kind"/>, the one name a kind of command has.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(FireLasers), "fire")]
[JsonDerivedType(typeof(LaunchMissiles), "launch_missile")]
[JsonDerivedType(typeof(PointDefence), "point_defence")]
[JsonDerivedType(typeof(CastSand), "sandcaster")]
[JsonDerivedType(typeof(Manoeuvre), "manoeuvre")]
[JsonDerivedType(typeof(EndTurn), "end_turn")]
[JsonDerivedType(typeof(ExpireTurn), "turn_timer")]
[JsonDerivedType(typeof(Surrender), "surrender")]
[JsonDerivedType(typeof(Forfeit), "forfeit")]
[JsonDerivedType(typeof(Abandon), "abandon")]
public abstract record BattleCommand(Side Side)
{
    /// <summary>
    /// The turn number the command was meant for (the turn its player saw); null for one that is not tied to a turn.
    /// A command for a turn that has passed is refused ("That turn is over"): a double click or a replayed command
    /// never acts in a later turn.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ForTurn { get; init; }

    /// <summary>The action kind as the rate limiter and metrics name it.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

/// <summary>Fire a turret's lasers (all identical lasers of the chosen kind fire together).</summary>
public sealed record FireLasers(Side Side, int Turret, WeaponKind? Laser = null) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "fire";
}

/// <summary>Launch one missile per missile rack in the turret as one salvo.</summary>
public sealed record LaunchMissiles(Side Side, int Turret) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "launch_missile";
}

/// <summary>Use a turret's lasers against an inbound salvo.</summary>
public sealed record PointDefence(Side Side, int Turret, int SalvoId) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "point_defence";
}

/// <summary>Cast one sand canister from a sandcaster turret.</summary>
public sealed record CastSand(Side Side, int Turret) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "sandcaster";
}

/// <summary>Spend thrust to close or open the range (once per turn).</summary>
public sealed record Manoeuvre(Side Side, ManoeuvreDirection Direction, int Thrust) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "manoeuvre";
}

public sealed record EndTurn(Side Side) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "end_turn";
}

/// <summary>The caller's turn timer ran out for the turn with this number. The engine holds no clock.</summary>
public sealed record ExpireTurn(Side Side, int TurnNumber) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "turn_timer";
}

/// <summary>A side gives up; allowed at any time.</summary>
public sealed record Surrender(Side Side) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "surrender";
}

/// <summary>A side loses for staying disconnected past the reconnect grace period.</summary>
public sealed record Forfeit(Side Side) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "forfeit";
}

/// <summary>The server ends a battle nobody acts in (or an operator ends it): a draw with reason Abandoned.</summary>
public sealed record Abandon(Side Side = Side.One) : BattleCommand(Side)
{
    [JsonIgnore]
    public override string Kind => "abandon";
}
