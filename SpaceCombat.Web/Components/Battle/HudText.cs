using System.Collections.Frozen;
using System.Globalization;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// Numbers, turn clocks and page titles as the HUD shows them, made once for the whole server. Markup such as
/// <c>@ship.Hull</c> boxes the number and turns it into a new string on every render of every circuit, and both
/// objects stay referenced by the circuit's render tree until its next render: during play they are most of what each
/// garbage collection has to trace from the old render trees (see BENCHMARKS.md, load test).
/// </summary>
public static class HudText
{
    private const int CachedNumbers = 1024;
    private const int CachedClockSeconds = 60 * 60;

    private static readonly string[] Numbers = CreateNumbers();
    private static readonly string?[] Clocks = new string?[CachedClockSeconds];
    private static readonly string?[] RoundTitles = new string?[CachedNumbers];

    /// <summary>The number as invariant text (ship stats, turret numbers, salvo ids and rounds are small).</summary>
    public static string Number(int value) =>
        (uint)value < CachedNumbers ? Numbers[value] : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An enum value's name (a ship's side, a turret's condition, the battle's phase), made once per value.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        EnumNames<TEnum>.Names.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary>A turn timer as "mm:ss"; negative time shows as "00:00".</summary>
    public static string Clock(int seconds)
    {
        seconds = Math.Max(0, seconds);
        if (seconds >= CachedClockSeconds)
        {
            return FormatClock(seconds);
        }
        // A benign race: two threads may both format the same text; either result is the same string content.
        return Clocks[seconds] ??= FormatClock(seconds);
    }

    /// <summary>The browser tab's title during a battle.</summary>
    public static string RoundTitle(int round)
    {
        if ((uint)round >= CachedNumbers)
        {
            return FormatRoundTitle(round);
        }
        return RoundTitles[round] ??= FormatRoundTitle(round);
    }

    private static class EnumNames<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names =
            Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(value => value, value => value.ToString());
    }

    private static string[] CreateNumbers()
    {
        var numbers = new string[CachedNumbers];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = i.ToString(CultureInfo.InvariantCulture);
        }
        return numbers;
    }

    private static string FormatClock(int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:00}:{seconds % 60:00}");

    private static string FormatRoundTitle(int round) => string.Create(CultureInfo.InvariantCulture, $"Round {round} · SpaceCombat");
}
