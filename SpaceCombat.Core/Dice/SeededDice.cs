namespace SpaceCombat.Core.Dice;

/// <summary>Reproducible dice for simulations: the same seed gives the same faces. Not thread-safe.</summary>
public sealed class SeededDice(int seed) : IDice
{
    private readonly Random _random = new(seed);

    public int Roll(int sides)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sides, 1);
        return _random.Next(1, sides + 1);
    }
}
