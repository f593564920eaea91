using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>Clicks on the HUD's turn controls as the browser makes them (wwwroot/js/start.js).</summary>
internal static class TurnClicks
{
    /// <summary>A click on a control meant for a turn: it carries the control's <c>data-for-turn</c>.</summary>
    public static void ClickForItsTurn(this IElement control) =>
        control.ClickForTurn(int.Parse(control.GetAttribute("data-for-turn") ?? throw new InvalidOperationException(
            $"'{control.TextContent.Trim()}' is not a turn control: it has no data-for-turn."), CultureInfo.InvariantCulture));

    /// <summary>A click on a turn control that says it is for <paramref name="turn"/>, as a hostile page could send.</summary>
    public static void ClickForTurn(this IElement control, int turn) =>
        control.TriggerEvent("onturnclick", new TurnClickEventArgs { Turn = turn });
}
