namespace SpaceCombat.Core.Battles;

public enum RefusalReason
{
    BattleOver,
    NotYourTurn,
    StaleTurn,
    UnknownTurret,
    TurretAlreadyUsed,
    WeaponNotInTurret,
    NoAmmunition,
    OutOfRange,
    SystemDisabled,
    SystemDestroyed,
    UnknownSalvo,
    AlreadyManoeuvred,
    InvalidThrust,
    RangeLimit,
    InvalidCommand,

    /// <summary>Not a refusal of the engine: an option it would accept but whose check cannot succeed (see <see cref="ActionOption.Unavailable"/>).</summary>
    NoChance,
}

/// <summary>Why a command was refused, in words a player can read. A refused command changes nothing.</summary>
public sealed record Refusal(RefusalReason Reason, string Message);

/// <summary>The answer to a command: the events it caused, or a refusal.</summary>
public sealed record CommandResult(IReadOnlyList<BattleEvent> Events, Refusal? Refusal)
{
    public bool Accepted => Refusal is null;

    public static CommandResult Refused(RefusalReason reason, string message) => new([], new Refusal(reason, message));
}
