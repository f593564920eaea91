using Microsoft.AspNetCore.Components;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// A click on a control that acts in one of the viewer's turns (a weapon, the helm, End Turn). The browser sends the
/// turn the control was rendered for, from its <c>data-for-turn</c> (wwwroot/js/start.js), and the command carries
/// it: a click that arrives after that turn is refused ("That turn is over"), never applied to a later one.
/// </summary>
/// <remarks>
/// Before, each of the viewer's turns made new handlers that carried the turn. Those were new objects in every
/// circuit's long-lived render buffers at every turn, and each garbage collection had to scan the buffers for them;
/// with the turn coming from the page the handlers are made once per HUD.
/// </remarks>
public sealed class TurnClickEventArgs : EventArgs
{
    /// <summary>The turn the clicked control was rendered for; -1 when the page sent none.</summary>
    public int Turn { get; set; } = -1;
}

/// <summary>
/// Declares <c>@onturnclick</c> (registered in the browser by wwwroot/js/start.js). The Razor compiler finds custom
/// events only on a class of this name.
/// </summary>
[EventHandler("onturnclick", typeof(TurnClickEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
