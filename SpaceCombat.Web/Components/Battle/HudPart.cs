using Microsoft.AspNetCore.Components;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// A part of the battle HUD: its events do not re-render it by themselves (see
/// <see cref="BattleChangeRenderedComponent"/>), and after its first render it renders only when
/// <see cref="HasChanged"/> says that what it shows has changed.
/// </summary>
/// <remarks>
/// A part records what it shows (its first <see cref="HasChanged"/>) as its parameters are first set, in the same turn
/// of the circuit's dispatcher as its first render: the first render asks nothing, and a part first asked at the first
/// change would have nothing to compare with (the announcer would take that change for what the page opened with).
/// The page gives back each part's older render buffer once it has rendered (<see cref="PreviousRenderTrees"/>), so a
/// part holds one buffer between renders and needs no second render as it appears.
/// </remarks>
public abstract class HudPart : BattleChangeRenderedComponent
{
    // Until the part has been asked once whether it changed.
    private bool changeUntracked = true;

    /// <summary>
    /// Whether what this part shows has changed since it last rendered. Called as the part first renders (its answer
    /// ignored) and then only when it is about to render, if it answers yes: a part that tracks what it showed records
    /// the new state here.
    /// </summary>
    protected virtual bool HasChanged() => true;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        var set = base.SetParametersAsync(parameters);
        // Rendered (or queued to render in the batch under way) with these parameters: record what that render shows.
        // A part still initialising asynchronously records at its first ShouldRender instead.
        if (changeUntracked && set.IsCompletedSuccessfully)
        {
            changeUntracked = false;
            HasChanged();
        }
        return set;
    }

    protected sealed override bool ShouldRender()
    {
        if (changeUntracked)
        {
            changeUntracked = false;
            HasChanged();
            return true;
        }
        return HasChanged();
    }
}
