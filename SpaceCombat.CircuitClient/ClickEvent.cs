using System.Globalization;

namespace SpaceCombat.CircuitClient;

/// <summary>
/// What a browser sends when a button is clicked: a plain <c>click</c>, or, for a HUD control meant for one of the
/// player's turns (the Web project's <c>TurnClickEventArgs</c>), a <c>turnclick</c> carrying the turn the control was
/// rendered for, read from its <c>data-for-turn</c> as the page's script does.
/// </summary>
public readonly record struct ClickEvent(ulong HandlerId, string Name, string ArgsJson)
{
    public const string TurnClick = "turnclick";

    /// <summary>The click the element handles, or null when it has no click handler. Read under the circuit's lock.</summary>
    public static ClickEvent? Of(Node element)
    {
        if (element.EventId(TurnClick) is { } turnHandler)
        {
            var turn = int.TryParse(element.Attr("data-for-turn"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : -1;
            return new ClickEvent(turnHandler, TurnClick, TurnArgs(turn));
        }
        return element.EventId("click") is { } handler ? new ClickEvent(handler, "click", BlazorCircuit.ClickArgs) : null;
    }

    /// <summary>The event arguments of a click meant for <paramref name="turn"/>.</summary>
    public static string TurnArgs(int turn) => string.Create(CultureInfo.InvariantCulture, $"{{\"turn\":{turn}}}");
}
