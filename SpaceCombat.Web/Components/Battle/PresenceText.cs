using System.Globalization;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>Texts of the opponent's presence notice.</summary>
public static class PresenceText
{
    /// <summary>Time left as "m:ss" ("1:52"), never negative.</summary>
    public static string Countdown(TimeSpan left)
    {
        var seconds = Math.Max(0, (int)Math.Ceiling(left.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:00}");
    }
}
