namespace SpaceCombat.Core.Rules;

/// <summary>A named dice modifier in a roll's breakdown.</summary>
public sealed record Modifier(string Name, int Value);

/// <summary>A 2D check: dice faces, every modifier by name, the total against the target. Effect = total − target.</summary>
public sealed record CheckRoll(IReadOnlyList<int> Dice, IReadOnlyList<Modifier> Modifiers, int Total, int Target)
{
    public const int StandardTarget = 8;

    public int Effect => Total - Target;

    public bool Success => Total >= Target;

    public static CheckRoll Make(IReadOnlyList<int> dice, IReadOnlyList<Modifier> modifiers, int target = StandardTarget) =>
        new(dice, modifiers, dice.Sum() + modifiers.Sum(m => m.Value), target);
}

/// <summary>
/// A roll with no target to reach (initiative: the higher total wins): dice faces, every modifier by name, the total.
/// </summary>
public sealed record InitiativeRoll(IReadOnlyList<int> Dice, IReadOnlyList<Modifier> Modifiers, int Total)
{
    public static InitiativeRoll Make(IReadOnlyList<int> dice, IReadOnlyList<Modifier> modifiers) =>
        new(dice, modifiers, dice.Sum() + modifiers.Sum(m => m.Value));
}

/// <summary>
/// One damage application: dice faces, multi-weapon bonus, the attack's Effect, the armour and sand it met,
/// the damage done (never below 0) and the hull before and after.
/// </summary>
public sealed record DamageRoll(
    IReadOnlyList<int> Dice,
    int Bonus,
    int Effect,
    int Armour,
    int Sand,
    int Damage,
    int HullBefore,
    int HullAfter);
