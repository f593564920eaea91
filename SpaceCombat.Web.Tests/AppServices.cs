using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Core.Dice;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Tests.Battles;
using SpaceCombat.Web.Operations;
using SpaceCombat.Web.Operations.Nodes;

namespace SpaceCombat.Web.Tests;

/// <summary>
/// The app's own service registrations for component tests (the operations and battle extensions Program.cs calls),
/// with fakes only for what a real host provides: the clock, the settings, the application lifetime and the battles'
/// silo (a <see cref="TestSilo"/>, started on first use).
/// The hosted services are registered as in the app but never started: bUnit does not run them.
/// </summary>
internal static class AppServices
{
    /// <summary>The fake clock, and the settings (change them before the first render).</summary>
    public sealed record Fakes(FakeTimeProvider Time, SpaceCombatOptions Options);

    public static Fakes AddAppServices(this IServiceCollection services)
    {
        services.AddLogging();
        services.AddOperations();
        services.AddBattles();

        var fakes = new Fakes(new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)), new SpaceCombatOptions());
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(fakes.Time));
        services.Replace(ServiceDescriptor.Singleton(Options.Create(fakes.Options)));
        services.Replace(ServiceDescriptor.Singleton<IHostApplicationLifetime, UnstartedLifetime>());
        // The battles' silo starts when a test first asks for the registry, on the fake clock.
        services.AddSingleton(sp => new TestSilo(fakes.Time, sp.GetRequiredService<IOptions<SpaceCombatOptions>>(),
            sp.GetRequiredService<SpaceCombatMetrics>(), CryptoDice.Instance));
        services.Replace(ServiceDescriptor.Singleton<IBattleRegistry>(sp => sp.GetRequiredService<TestSilo>().Registry));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TestSilo>().Nodes));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TestSilo>().Reporter));
        return fakes;
    }

    /// <summary>A host that neither starts nor stops: tests call <see cref="ShutdownNotifier.NotifyStopping"/> themselves.</summary>
    private sealed class UnstartedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
