using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>Shows views to a rendered HUD the way the battle page does: through the one HudState it keeps.</summary>
internal static class HudRendering
{
    public static HudState StateFor(BattleView view, Side? viewer, DateTimeOffset now)
    {
        var hud = new HudState { Now = now };
        hud.Show(view, viewer);
        return hud;
    }

    /// <summary>The frames the component's next render would write into its buffer: a fresh render of its current state.</summary>
#pragma warning disable BL0006 // Render tree frames: what the tests inspect.
    public static RenderTreeFrame[] FramesOf(ComponentBase component)
    {
        var builder = new RenderTreeBuilder();
        typeof(ComponentBase)
            .GetMethod("BuildRenderTree", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .Invoke(component, [builder]);
        var frames = builder.GetFrames();
        return frames.Array[..frames.Count];
    }
#pragma warning restore BL0006

    /// <summary>Shows a newer view of the battle to the same viewer and renders the HUD, as a battle change does.</summary>
    public static void Show(this IRenderedComponent<BattleHud> rendered, BattleView view)
    {
        var hud = rendered.Instance.Hud;
        hud.Show(view, hud.Viewer);
        rendered.Render();
    }
}
