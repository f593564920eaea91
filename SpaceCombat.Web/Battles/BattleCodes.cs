using System.Buffers;
using System.Security.Cryptography;

namespace SpaceCombat.Web.Battles;

/// <summary>Battle codes (short, readable, shareable) and seat tokens (unguessable, kept in the player's browser).</summary>
public static class BattleCodes
{
    /// <summary>No 0/O, 1/I/L: codes are read aloud and typed by hand.</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 6;
    private static readonly SearchValues<char> CodeChars = SearchValues.Create(CodeAlphabet);

    public static string NewBattleCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>256 random bits, URL-safe.</summary>
    public static string NewSeatToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Normalises what a player typed ("ab3-xyz " → "AB3XYZ"); null when it cannot be a battle code.</summary>
    /// <remarks>
    /// Every player action passes its battle's code through here, and that code is already normal: it is returned as it
    /// is, so the hot path allocates nothing. Anything else is rebuilt in a stack buffer.
    /// </remarks>
    public static string? Normalise(string? typed)
    {
        if (typed is null || IsCode(typed))
        {
            return typed;
        }
        Span<char> code = stackalloc char[CodeLength];
        var length = 0;
        foreach (var typedChar in typed)
        {
            if (char.IsWhiteSpace(typedChar) || typedChar == '-')
            {
                continue;
            }
            if (length == CodeLength)
            {
                return null;
            }
            code[length++] = char.ToUpperInvariant(typedChar);
        }
        return length == CodeLength && IsCode(code) ? new string(code) : null;
    }

    private static bool IsCode(ReadOnlySpan<char> candidate) =>
        candidate.Length == CodeLength && !candidate.ContainsAnyExcept(CodeChars);

}
