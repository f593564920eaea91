using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// Numbers, turn clocks and page titles as the HUD shows them, made once for the whole server. Markup such as
/// <c>@ship.Hull</c> boxes the number and turns it into a new string on every render of every circuit, and both
/// objects stay referenced by the circuit's render tree until its next render, where every garbage collection has to
/// trace them.
/// </summary>
public static class HudText
{
    private const int CachedNumbers = 1024;
    private const int CachedClockSeconds = 60 * 60;
    private const int CachedWidthTenths = 1000;
    private const int MaxCachedSeverity = 16;
    private const int MaxCachedPoolThrust = 64;
    private const int MaxCachedSalvoNames = 4096;

    private static readonly string[] Numbers = CreateNumbers();
    private static readonly string?[] Clocks = new string?[CachedClockSeconds];
    private static readonly string?[] TimesLeft = new string?[CachedClockSeconds * 10];
    private static readonly string?[] RoundTitles = new string?[CachedNumbers];
    private static readonly string?[] YourTurnTitles = new string?[CachedNumbers];
    private static readonly string?[] RoundHeaders = new string?[CachedNumbers];
    private static readonly string?[] YourTurnSentences = new string?[CachedNumbers];
    private static readonly string?[] Widths = new string?[CachedWidthTenths + 1];
    private static readonly ConcurrentDictionary<(CriticalLocation Location, int Severity), string> CriticalEffects = new();
    private static readonly ConcurrentDictionary<(RangeBand Band, ManoeuvreDirection? Direction, int Thrust), string> PoolTexts = new();
    private static readonly ConcurrentDictionary<(int Missiles, string ShipClass, int Rounds), string> SalvoNames = new();
    private static readonly FrozenDictionary<CriticalLocation, string> CriticalNames =
        Enum.GetValues<CriticalLocation>().Distinct().ToFrozenDictionary(location => location, location => location.DisplayName());

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

    /// <summary>
    /// Time left on a clock in whole milliseconds, to a tenth of a second ("29900"): what the browser counts down from.
    /// Negative time is "0".
    /// </summary>
    public static string TimeLeft(TimeSpan remaining)
    {
        var tenths = (long)Math.Round(Math.Max(0, remaining.TotalMilliseconds) / 100, MidpointRounding.AwayFromZero);
        if (tenths >= TimesLeft.Length)
        {
            return FormatTimeLeft(tenths);
        }
        return TimesLeft[tenths] ??= FormatTimeLeft(tenths);
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

    /// <summary>The browser tab's title while the viewer may act: "Your turn" first, so it shows in a narrow tab.</summary>
    public static string YourTurnTitle(int round)
    {
        if ((uint)round >= CachedNumbers)
        {
            return FormatYourTurnTitle(round);
        }
        return YourTurnTitles[round] ??= FormatYourTurnTitle(round);
    }

    /// <summary>What the HUD's live region says as the viewer's turn begins ("Your turn, round 3.").</summary>
    public static string YourTurnSentence(int round)
    {
        if ((uint)round >= CachedNumbers)
        {
            return FormatYourTurnSentence(round);
        }
        return YourTurnSentences[round] ??= FormatYourTurnSentence(round);
    }

    /// <summary>A round's header in the combat log ("Round 3").</summary>
    public static string RoundHeader(int round)
    {
        if ((uint)round >= CachedNumbers)
        {
            return FormatRoundHeader(round);
        }
        return RoundHeaders[round] ??= FormatRoundHeader(round);
    }

    /// <summary>A CSS width of <paramref name="percent"/> % to one decimal ("width: 97.5%"); 0–100 are made once.</summary>
    public static string WidthPercent(double percent)
    {
        var tenths = Math.Round(percent * 10, MidpointRounding.AwayFromZero);
        if (tenths is < 0 or > CachedWidthTenths)
        {
            return FormatWidth(tenths);
        }
        return Widths[(int)tenths] ??= FormatWidth(tenths);
    }

    /// <summary>
    /// The range track's line on the thrust banked ("2 / 4 thrust banked to close"), made once per band and pool: every
    /// circuit's HUD shows one from its first render, and a pool is a few small numbers.
    /// </summary>
    public static string ManoeuvrePool(RangeBand band, ManoeuvrePool pool) =>
        Enum.IsDefined(band) && pool.Thrust is >= 0 and <= MaxCachedPoolThrust
            ? PoolTexts.GetOrAdd((band, pool.IsEmpty ? null : pool.Direction, pool.Thrust), static key => FormatPool(key.Band, key.Direction, key.Thrust))
            : FormatPool(band, pool.Direction, pool.Thrust);

    /// <summary>
    /// A point defence target as the turret's salvo picker names it ("Salvo of 3 from the Type-T Patrol Corvette, strikes
    /// next round"), made once per missile count, launcher class and rounds to go: every inbound salvo's label changes
    /// each round, in every circuit of a missile battle. A salvo due now or overdue strikes "this round". Ship classes
    /// come from the roster, and the cache stops growing at a few thousand labels whatever it is asked.
    /// </summary>
    public static string SalvoName(int missiles, string shipClass, int roundsToStrike)
    {
        var rounds = Math.Max(0, roundsToStrike);
        var key = (missiles, shipClass, rounds);
        if (SalvoNames.TryGetValue(key, out var name))
        {
            return name;
        }
        name = FormatSalvoName(missiles, shipClass, rounds);
        return SalvoNames.Count < MaxCachedSalvoNames ? SalvoNames.GetOrAdd(key, name) : name;
    }

    /// <summary>A critical hit location's display name ("Power Plant").</summary>
    public static string CriticalName(CriticalLocation location) =>
        CriticalNames.TryGetValue(location, out var name) ? name : location.DisplayName();

    /// <summary>What a critical hit of this severity does (the rules' own text), made once per location and severity.</summary>
    public static string CriticalEffect(CriticalLocation location, int severity) =>
        severity is >= 0 and <= MaxCachedSeverity && Enum.IsDefined(location)
            ? CriticalEffects.GetOrAdd((location, severity), static key => CriticalTable.DescribeEffect(key.Location, key.Severity))
            : CriticalTable.DescribeEffect(location, severity);

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

    private static string FormatPool(RangeBand band, ManoeuvreDirection? direction, int thrust) => thrust == 0
        ? $"No thrust banked · {RangeTable.ThrustToLeave(band)} to leave {band.DisplayName()}"
        : $"{thrust} / {RangeTable.ThrustToLeave(band)} thrust banked to {(direction == ManoeuvreDirection.Close ? "close" : "open")}";

    private static string FormatWidth(double tenths) =>
        string.Create(CultureInfo.InvariantCulture, $"width: {tenths / 10:0.#}%");

    private static string FormatSalvoName(int missiles, string shipClass, int rounds)
    {
        var when = rounds switch
        {
            0 => "strikes this round",
            1 => "strikes next round",
            _ => string.Create(CultureInfo.InvariantCulture, $"strikes in {rounds} rounds"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"Salvo of {missiles} from the {shipClass}, {when}");
    }

    private static string FormatTimeLeft(long tenths) => (tenths * 100).ToString(CultureInfo.InvariantCulture);

    private static string FormatClock(int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:00}:{seconds % 60:00}");

    private static string FormatYourTurnTitle(int round) => string.Create(CultureInfo.InvariantCulture, $"Your turn · Round {round} · SpaceCombat");

    private static string FormatYourTurnSentence(int round) => string.Create(CultureInfo.InvariantCulture, $"Your turn, round {round}.");

    private static string FormatRoundHeader(int round) => string.Create(CultureInfo.InvariantCulture, $"Round {round}");

    private static string FormatRoundTitle(int round) => string.Create(CultureInfo.InvariantCulture, $"Round {round} · SpaceCombat");
}
