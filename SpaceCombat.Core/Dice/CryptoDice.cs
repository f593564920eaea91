using System.Security.Cryptography;

namespace SpaceCombat.Core.Dice;

/// <summary>Production dice backed by the operating system's cryptographically strong generator. Thread-safe.</summary>
public sealed class CryptoDice : IDice
{
    public static CryptoDice Instance { get; } = new();

    public int Roll(int sides)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sides, 1);
        return RandomNumberGenerator.GetInt32(1, sides + 1);
    }
}
