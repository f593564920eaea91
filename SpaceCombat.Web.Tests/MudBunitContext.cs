using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace SpaceCombat.Web.Tests;

/// <summary>
/// Base class for bUnit tests of SpaceCombat.Web components, set up the way MudBlazor tests its own components:
/// MudBlazor services registered as the app registers them, JS interop in loose mode (MudBlazor calls JS we do
/// not script), and an interactive Server renderer so components behave as they do once the circuit is live.
/// </summary>
public abstract class MudBunitContext : BunitContext, IAsyncLifetime
{
    protected MudBunitContext()
        : this(configureServices: null)
    {
    }

    /// <summary>Registers <paramref name="configureServices"/> too, before anything is resolved (bUnit then freezes the services).</summary>
    protected MudBunitContext(Action<IServiceCollection>? configureServices)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSpaceCombatMud();
        configureServices?.Invoke(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Renders as a prerendering (static) pass would: <see cref="ComponentBase.RendererInfo"/> is not interactive.</summary>
    protected void UseStaticRenderer() => SetRendererInfo(new RendererInfo("Static", isInteractive: false));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // Several MudBlazor services are only async-disposable, so dispose the context asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
