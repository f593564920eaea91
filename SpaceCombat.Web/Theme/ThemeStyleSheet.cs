using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace SpaceCombat.Web.Theme;

/// <summary>
/// The console theme's CSS exactly as <see cref="MudThemeProvider"/> renders it, rendered once per process: the theme
/// never changes at run time, and a provider rendered with every page built its ~12,000 characters of CSS variables
/// anew for each page request.
/// </summary>
public sealed class ThemeStyleSheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    /// <summary>The app's one theme (dark mode only).</summary>
    public static readonly MudTheme Theme = ConsoleTheme.Create();

    private readonly Lazy<Task<MarkupString>> _markup = new(() => RenderAsync(scopes, loggers));

    /// <summary>The provider's markup (its style elements); rendered on the first call, the same text afterwards.</summary>
    public Task<MarkupString> GetAsync() => _markup.Value;

    private static async Task<MarkupString> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = true,
            });
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
            return output.ToHtmlString();
        });
        return new MarkupString(html);
    }
}
