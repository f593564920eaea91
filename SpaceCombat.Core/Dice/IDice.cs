namespace SpaceCombat.Core.Dice;

/// <summary>The only source of randomness the engine uses. The client never supplies dice.</summary>
public interface IDice
{
    /// <summary>Rolls one die with the given number of sides and returns a face from 1 to <paramref name="sides"/>.</summary>
    int Roll(int sides);
}

public static class DiceExtensions
{
    /// <summary>Rolls <paramref name="count"/> six-sided dice and returns their faces in roll order.</summary>
    public static int[] RollD6(this IDice dice, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var faces = new int[count];
        for (var i = 0; i < count; i++)
        {
            faces[i] = dice.Roll(6);
        }
        return faces;
    }
}
