using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using SpaceCombat.Web.Components;
using SpaceCombat.Web.Interop;

namespace SpaceCombat.Web;

/// <summary>
/// Service registration and request pipeline for the web shell. Feature areas (battles, operations, ...)
/// keep their own Add*/Map* extensions and are called from Program.cs next to these.
/// </summary>
public static class SpaceCombatWebExtensions
{
    public static IServiceCollection AddSpaceCombatWeb(this IServiceCollection services)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents();
        // Each circuit's JS runtime builds its JSON contracts anew: without those of the runtime's capability
        // interfaces, which no payload uses (see InteropJsonContracts).
        services.UseInteropJsonContracts();
        // Abuse of the hub's protocol that no hub filter sees is logged (Operations/HubAbuseProtocol).
        Operations.HubAbuseProtocolRegistration.WatchBlazorHubProtocol(services);
        return services.AddSpaceCombatMud();
    }

    /// <summary>MudBlazor's services as the app's circuits use them (component tests register these too).</summary>
    public static IServiceCollection AddSpaceCombatMud(this IServiceCollection services)
    {
        services.AddMudServices(config =>
        {
            // The popover service of every circuit wakes on this period to detach closed popovers, even when there
            // are none; the default 0.5 s means thousands of idle wake-ups a second across battle circuits.
            config.PopoverOptions.QueueDelay = TimeSpan.FromSeconds(5);
        });
        // Each circuit's snackbar service gets a configuration of its own. MudBlazor's service subscribes to its
        // configuration's change event; with the one shared instance of its options, every circuit that closes copies
        // the subscriber list of all the others (quadratic work when a thousand battles end within seconds).
        services.Replace(ServiceDescriptor.Scoped<ISnackbar>(provider => new SnackbarService(
            provider.GetRequiredService<NavigationManager>(),
            provider.GetRequiredService<TimeProvider>(),
            Options.Create(CreateSnackbarConfiguration()))));
        services.TryAddSingleton<Theme.ThemeStyleSheet>();

        return services;
    }

    /// <summary>Snackbars at the bottom right, no duplicates, shown for 4 s.</summary>
    public static SnackbarConfiguration CreateSnackbarConfiguration() => new()
    {
        PositionClass = Defaults.Classes.Position.BottomRight,
        PreventDuplicates = true,
        VisibleStateDuration = 4000,
    };

    public static WebApplication UseSpaceCombatWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Maps static assets and the Razor component tree; call after feature areas map their endpoints.</summary>
    public static WebApplication MapSpaceCombatWeb(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}
