namespace SpaceCombat.Simulator;

/// <summary>
/// Derives each battle's dice seed from the run's seed, the two ships and the battle's number in its pairing,
/// so a battle's result does not depend on the order (or thread) it is played in, and the cell of a matrix
/// is the same battles as the single pairing run with the same seed.
/// </summary>
public static class BattleSeeds
{
    public static int For(int runSeed, int shipOneIndex, int shipTwoIndex, int battleNumber)
    {
        var h = Mix((ulong)(uint)runSeed);
        h = Mix(h ^ (ulong)(uint)shipOneIndex);
        h = Mix(h ^ (ulong)(uint)shipTwoIndex << 16);
        h = Mix(h ^ (ulong)(uint)battleNumber << 32);
        return (int)(h >> 33);
    }

    /// <summary>SplitMix64's step: a well-spread 64-bit mix.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
