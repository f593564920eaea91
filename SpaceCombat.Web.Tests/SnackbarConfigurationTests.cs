using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SpaceCombat.Web;

namespace SpaceCombat.Web.Tests;

public sealed class SnackbarConfigurationTests
{
    [Fact]
    public void Every_circuit_scope_gets_its_own_snackbar_configuration_with_the_app_settings()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSpaceCombatWeb();
        services.AddScoped<NavigationManager, InitializedNavigationManager>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        using var first = provider.CreateScope();
        using var second = provider.CreateScope();
        var firstSnackbar = first.ServiceProvider.GetRequiredService<ISnackbar>();
        var secondSnackbar = second.ServiceProvider.GetRequiredService<ISnackbar>();

        Assert.Same(firstSnackbar, first.ServiceProvider.GetRequiredService<ISnackbar>());
        Assert.NotSame(firstSnackbar.Configuration, secondSnackbar.Configuration);
        foreach (var configuration in new[] { firstSnackbar.Configuration, secondSnackbar.Configuration })
        {
            Assert.Equal(Defaults.Classes.Position.BottomRight, configuration.PositionClass);
            Assert.True(configuration.PreventDuplicates);
            Assert.Equal(4000, configuration.VisibleStateDuration);
        }
    }

    private sealed class InitializedNavigationManager : NavigationManager
    {
        public InitializedNavigationManager() => Initialize("http://localhost/", "http://localhost/battle/ABCDEF");
    }
}
