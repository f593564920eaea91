using Microsoft.AspNetCore.Components;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// A battle component whose events do not re-render it by themselves. A command changes the battle, and the battle's
/// notifier re-renders the page (with the change) in every circuit that shows it. ComponentBase would also re-render
/// after each click, once when the handler starts and again when it completes: two more render batches per action that
/// show nothing new, for the acting player's whole HUD. Handlers that change the
/// component's own state call <see cref="ComponentBase.StateHasChanged"/> themselves.
/// </summary>
public abstract class BattleChangeRenderedComponent : ComponentBase, IHandleEvent
{
    Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg) => callback.InvokeAsync(arg);
}
