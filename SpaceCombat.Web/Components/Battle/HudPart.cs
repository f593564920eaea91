namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// A part of the battle HUD: its events do not re-render it by themselves (see
/// <see cref="BattleChangeRenderedComponent"/>), it renders once more as soon as it first appears in a circuit, and
/// after that only when <see cref="HasChanged"/> says that what it shows has changed.
/// </summary>
/// <remarks>
/// Blazor keeps two render buffers per component and fills the second one at the component's second render. Rendered
/// once when the battle page comes up, every HUD part of every circuit would take its second buffer at the battle's
/// first action; with many battles starting together that is tens of megabytes of long-lived buffers allocated in the
/// first seconds of play, where the garbage collector then has to promote them. The
/// extra render produces the same tree, so it sends no change to the browser; it only moves that allocation to the
/// moment the page appears.
/// </remarks>
public abstract class HudPart : BattleChangeRenderedComponent
{
    private bool secondRenderPending;

    /// <summary>
    /// Whether what this part shows has changed since it last rendered. Called only when the part is about to render
    /// if it answers yes (and before its second render, whose answer is ignored): a part that tracks what it showed
    /// records the new state here.
    /// </summary>
    protected virtual bool HasChanged() => true;

    protected sealed override bool ShouldRender()
    {
        if (secondRenderPending)
        {
            secondRenderPending = false;
            // Keeps the part's own change tracking current for the render that follows.
            HasChanged();
            return true;
        }
        return HasChanged();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            secondRenderPending = true;
            StateHasChanged();
        }
    }
}
