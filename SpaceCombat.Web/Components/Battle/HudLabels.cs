using System.Collections.Concurrent;
using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// The HUD's ship labels ("Your Type-S Scout", "Waiting for Enemy Far Trader"), made once per ship class and viewpoint
/// for the whole server. The HUD asks for them on every render of every circuit; a fresh string each time would stay
/// referenced by the circuit's render tree until the next render, and every such object costs each garbage collection.
/// Bounded: a few labels per class of the fixed ship roster.
/// </summary>
public static class HudLabels
{
    private enum Kind { Own, Enemy, SideOne, SideTwo, WaitingFor, ToAct }

    private static readonly ConcurrentDictionary<(string Text, Kind Kind), string> Labels = new();
    private static readonly ConcurrentDictionary<(string One, string Two), string> Matchups = new();

    /// <summary>The ship on <paramref name="side"/> as <paramref name="viewer"/> sees it (a spectator when null).</summary>
    public static string Ship(string className, Side side, Side? viewer) => Get(className, viewer switch
    {
        null => side == Side.One ? Kind.SideOne : Kind.SideTwo,
        { } seat => side == seat ? Kind.Own : Kind.Enemy,
    });

    public static string WaitingFor(string shipLabel) => Get(shipLabel, Kind.WaitingFor);

    public static string ToAct(string shipLabel) => Get(shipLabel, Kind.ToAct);

    /// <summary>The battle page's heading: "Type-S Scout v Type-A Free Trader" (looked up without making its text again).</summary>
    public static string Matchup(string shipOne, string shipTwo) =>
        Matchups.GetOrAdd((shipOne, shipTwo), static key => $"{key.One} v {key.Two}");

    private static string Get(string text, Kind kind) => Labels.GetOrAdd((text, kind), static key => key.Kind switch
    {
        Kind.Own => $"Your {key.Text}",
        Kind.Enemy => $"Enemy {key.Text}",
        Kind.SideOne => $"{key.Text} (side one)",
        Kind.SideTwo => $"{key.Text} (side two)",
        Kind.WaitingFor => $"Waiting for {key.Text}",
        _ => $"{key.Text} to act",
    });
}
