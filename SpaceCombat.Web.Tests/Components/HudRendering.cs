using Bunit;
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

    /// <summary>Shows a newer view of the battle to the same viewer and renders the HUD, as a battle change does.</summary>
    public static void Show(this IRenderedComponent<BattleHud> rendered, BattleView view)
    {
        var hud = rendered.Instance.Hud;
        hud.Show(view, hud.Viewer);
        rendered.Render();
    }
}
