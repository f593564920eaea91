using System.Collections.Concurrent;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// Refusals that every snapshot's options give again and again (a used turret, a weapon out of range, an empty
/// magazine), made once for the process: their words depend only on a turret number, a weapon and bands. Bounded by
/// those enums and <see cref="TurretsShared"/>; any other refusal is made as it is needed.
/// </summary>
internal static class SharedRefusals
{
    private const int TurretsShared = 16;

    public static readonly Refusal BattleOver = new(RefusalReason.BattleOver, "The battle is over.");
    public static readonly Refusal NotYourTurn = new(RefusalReason.NotYourTurn, "It is not your turn.");
    public static readonly Refusal AlreadyManoeuvred = new(RefusalReason.AlreadyManoeuvred, "You have already manoeuvred this turn.");
    public static readonly Refusal NoMissiles = new(RefusalReason.NoAmmunition, "No missiles left.");
    public static readonly Refusal NoSand = new(RefusalReason.NoAmmunition, "No sand canisters left.");
    public static readonly Refusal LasersUnpowered = new(RefusalReason.SystemDisabled, "The Power Plant is too damaged: lasers cannot fire.");
    public static readonly Refusal PointDefenceUnpowered = new(RefusalReason.SystemDisabled, "The Power Plant is too damaged: no point defence.");
    public static readonly Refusal NoThrust = new(RefusalReason.SystemDisabled, "Your drives give no thrust.");
    public static readonly Refusal AdjacentAlready = new(RefusalReason.RangeLimit, "You are already Adjacent: you cannot close further.");
    public static readonly Refusal DistantAlready = new(RefusalReason.RangeLimit, "You are already at Distant: you cannot open further.");
    public static readonly Refusal SensorsDestroyed = new(RefusalReason.SystemDestroyed, "Your Sensors are destroyed: you cannot attack.");
    public static readonly Refusal NoSalvoInbound = new(RefusalReason.UnknownSalvo, "No salvo is inbound against you.");

    private static readonly Refusal[] Used = Turrets(n => new(RefusalReason.TurretAlreadyUsed, $"Turret {n} has already been used this turn."));
    private static readonly Refusal[] Disabled = Turrets(n => new(RefusalReason.SystemDisabled, $"Turret {n} is disabled."));
    private static readonly Refusal[] Destroyed = Turrets(n => new(RefusalReason.SystemDestroyed, $"Turret {n} is destroyed."));
    private static readonly ConcurrentDictionary<(WeaponKind Weapon, RangeBand Band), Refusal> WeaponOutOfRange = new();
    private static readonly ConcurrentDictionary<(RangeBand Limit, RangeBand Band), Refusal> SensorsOutOfRange = new();

    /// <summary>Turret <paramref name="index"/> (from 0) was used this turn.</summary>
    public static Refusal TurretUsed(int index) =>
        (uint)index < TurretsShared ? Used[index] : new(RefusalReason.TurretAlreadyUsed, $"Turret {index + 1} has already been used this turn.");

    public static Refusal TurretDisabled(int index) =>
        (uint)index < TurretsShared ? Disabled[index] : new(RefusalReason.SystemDisabled, $"Turret {index + 1} is disabled.");

    public static Refusal TurretDestroyed(int index) =>
        (uint)index < TurretsShared ? Destroyed[index] : new(RefusalReason.SystemDestroyed, $"Turret {index + 1} is destroyed.");

    public static Refusal OutOfRange(WeaponKind weapon, RangeBand longest, RangeBand band) =>
        WeaponOutOfRange.GetOrAdd((weapon, band), static (key, longest) =>
            new(RefusalReason.OutOfRange, $"The {key.Weapon.DisplayName()} cannot attack past {longest.DisplayName()}; the range is {key.Band.DisplayName()}."), longest);

    public static Refusal BeyondSensors(RangeBand limit, RangeBand band) =>
        SensorsOutOfRange.GetOrAdd((limit, band), static key =>
            new(RefusalReason.OutOfRange, $"Your damaged Sensors cannot attack past {key.Limit.DisplayName()}; the range is {key.Band.DisplayName()}."));

    private static Refusal[] Turrets(Func<int, Refusal> refusal)
    {
        var refusals = new Refusal[TurretsShared];
        for (var i = 0; i < refusals.Length; i++)
        {
            refusals[i] = refusal(i + 1);
        }
        return refusals;
    }
}
