namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// A part of the battle HUD: its events do not re-render it by themselves (see
/// <see cref="BattleChangeRenderedComponent"/>), it renders once more right after it first appears in a circuit, and
/// after that only when <see cref="HasChanged"/> says that what it shows has changed.
/// </summary>
/// <remarks>
/// Blazor keeps two render buffers per component and fills the second one at the component's second render. Rendered
/// once when the battle page comes up, every HUD part of every circuit would take its second buffer at the battle's
/// first action; with many battles starting together that is tens of megabytes of long-lived buffers allocated in the
/// first seconds of play, where the garbage collector then has to promote them. The
/// extra render produces the same tree, so it sends no change to the browser; it only moves that allocation to the
/// moment the page appears.
/// <para>
/// The parts come up with the HUD, itself a part, whose own second render re-renders them in the same batch. Each
/// part asking for its own afterwards (in Blazor Server each is a render batch of its own, sent and acknowledged once
/// the browser has acknowledged the page's first) cost a battle circuit nine empty batches as its HUD appeared. So only
/// the HUD asks (<see cref="RendersAgainAsItAppears"/>): a part that appears after it, the missile list moving as the
/// battle ends, has no play left to prepare for, and its own request was one more empty batch per player.
/// </para>
/// </remarks>
public abstract class HudPart : BattleChangeRenderedComponent
{
    // The render after the first one always goes ahead, whoever asks for it: the HUD's second render, or this part's.
    private bool secondRenderPending = true;

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

    /// <summary>Whether this part asks for its second render itself as it first appears: the HUD, whose own re-renders its parts.</summary>
    protected virtual bool RendersAgainAsItAppears => false;

    protected override void OnAfterRender(bool firstRender)
    {
        // Rendered again already (a battle change before the browser's acknowledgement), it holds both buffers.
        if (firstRender && secondRenderPending && RendersAgainAsItAppears)
        {
            StateHasChanged();
        }
    }
}
