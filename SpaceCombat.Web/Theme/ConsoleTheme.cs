using MudBlazor;

namespace SpaceCombat.Web.Theme;

/// <summary>
/// The dark "ship's console" look: deep navy surfaces, cyan primary, amber secondary.
/// Numbers and readouts use <see cref="MonospaceFontFamily"/> via the <c>sc-readout</c> CSS class (see app.css).
/// </summary>
public static class ConsoleTheme
{
    public static readonly string[] SansFontFamily =
        ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Liberation Sans", "Arial", "sans-serif"];

    public static readonly string[] MonospaceFontFamily =
        ["JetBrains Mono", "Cascadia Mono", "Fira Code", "DejaVu Sans Mono", "Liberation Mono", "Consolas", "monospace"];

    public static MudTheme Create() => new()
    {
        PaletteDark = new PaletteDark
        {
            Black = "#05080c",
            Background = "#0a0f15",
            BackgroundGray = "#0e151d",
            Surface = "#111a24",
            DrawerBackground = "#0d141c",
            DrawerText = "#c9d6df",
            DrawerIcon = "#7fa3b8",
            AppbarBackground = "#0d141c",
            AppbarText = "#d6e2ea",
            Primary = "#4dd0e1",
            PrimaryContrastText = "#04161a",
            Secondary = "#ffb74d",
            SecondaryContrastText = "#1d1200",
            Tertiary = "#9575cd",
            Info = "#4fc3f7",
            Success = "#66bb6a",
            Warning = "#ffa726",
            Error = "#ef5350",
            Dark = "#1b2631",
            TextPrimary = "#d6e2ea",
            TextSecondary = "#8da2b2",
            TextDisabled = "#4d5f6d",
            ActionDefault = "#9fb4c3",
            ActionDisabled = "#4d5f6d",
            ActionDisabledBackground = "#17212c",
            LinesDefault = "#1f2e3c",
            LinesInputs = "#2b3d4d",
            TableLines = "#1f2e3c",
            TableStriped = "#0f1720",
            Divider = "#1f2e3c",
            DividerLight = "#17232f",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SansFontFamily },
            H1 = new H1Typography { FontFamily = MonospaceFontFamily, FontSize = "2.75rem", FontWeight = "600", LetterSpacing = "0.08em" },
            H2 = new H2Typography { FontFamily = MonospaceFontFamily, FontSize = "2.125rem", FontWeight = "600", LetterSpacing = "0.06em" },
            H3 = new H3Typography { FontFamily = MonospaceFontFamily, FontSize = "1.75rem", FontWeight = "500", LetterSpacing = "0.04em" },
            H6 = new H6Typography { FontFamily = MonospaceFontFamily, FontWeight = "600", LetterSpacing = "0.06em" },
            Overline = new OverlineTypography { FontFamily = MonospaceFontFamily, LetterSpacing = "0.18em", TextTransform = "uppercase" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "3px",
            AppbarHeight = "60px",
        },
    };
}
