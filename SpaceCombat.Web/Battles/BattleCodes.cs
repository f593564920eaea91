using System.Security.Cryptography;

namespace SpaceCombat.Web.Battles;

/// <summary>Battle codes (short, readable, shareable) and seat tokens (unguessable, kept in the player's browser).</summary>
public static class BattleCodes
{
    /// <summary>No 0/O, 1/I/L: codes are read aloud and typed by hand.</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 6;

    public static string NewBattleCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>256 random bits, URL-safe.</summary>
    public static string NewSeatToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Normalises what a player typed ("ab3-xyz " → "AB3XYZ"); null when it cannot be a battle code.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        var code = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return code.Length == CodeLength && code.All(c => CodeAlphabet.Contains(c)) ? code : null;
    }
}
