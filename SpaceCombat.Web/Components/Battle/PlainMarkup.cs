using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// MudBlazor's markup for an icon, as render fragments written into the page's own render tree: the pages every
/// battle's players come through show icons on plain buttons (see <see cref="ButtonClasses"/>), and a MudIcon would be
/// one more component instance kept by every circuit.
/// </summary>
public static class PlainMarkup
{
    /// <summary>A button's leading icon, as MudButton's StartIcon renders it.</summary>
    public static RenderFragment StartIcon(string svg) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-button-icon-start mud-button-icon-size-medium");
        builder.OpenRegion(2);
        Icon(builder, svg);
        builder.CloseRegion();
        builder.CloseElement();
    };

    /// <summary>An icon of medium size, as MudIcon renders one.</summary>
    public static RenderFragment MediumIcon(string svg) => builder => Icon(builder, svg);

    /// <summary>
    /// An indeterminate linear progress bar, as MudProgressLinear renders one (small, on its background), in
    /// <paramref name="color"/> (primary, secondary...) with <paramref name="cssClass"/> and the accessible name
    /// <paramref name="label"/>.
    /// </summary>
    /// <remarks>The class is made with the fragment, not at each of its renders: keep the fragment (see the battle page).</remarks>
    public static RenderFragment Progress(string color, string cssClass, string label)
    {
        var classes = $"mud-progress-linear mud-progress-indeterminate mud-progress-linear-small mud-progress-linear-color-{color} mud-progress-linear-background horizontal {cssClass}";
        return builder => Progress(builder, classes, label);
    }

    private static void Progress(RenderTreeBuilder builder, string classes, string label)
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", classes);
        builder.AddAttribute(2, "role", "progressbar");
        builder.AddAttribute(3, "aria-valuenow", "0");
        builder.AddAttribute(4, "aria-valuemin", "0");
        builder.AddAttribute(5, "aria-valuemax", "100");
        builder.AddAttribute(6, "aria-busy", "true");
        builder.AddAttribute(7, "aria-label", label);
        builder.AddMarkupContent(8, "<div class=\"mud-progress-linear-bars mud-flip-x-rtl\"><div class=\"mud-progress-linear-bar\"></div><div class=\"mud-progress-linear-bar\"></div></div>");
        builder.CloseElement();
    }

    private static void Icon(RenderTreeBuilder builder, string svg)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", "mud-icon-root mud-svg-icon mud-icon-size-medium");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, svg);
        builder.CloseElement();
    }
}
