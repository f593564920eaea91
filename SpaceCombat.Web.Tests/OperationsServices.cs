using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Core.Dice;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests;

/// <summary>The operations and battle services the layout and admin components inject, on a fake clock, for bUnit.</summary>
internal static class OperationsServices
{
    public sealed class FakeLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }

    /// <summary>The fake clock, and the options (change them before the first render).</summary>
    public sealed record Fakes(FakeTimeProvider Time, SpaceCombatOptions Options);

    public static Fakes AddOperationsFakes(this IServiceCollection services)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new SpaceCombatOptions();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddMetrics();
        services.AddSingleton<SpaceCombatMetrics>();
        services.AddSingleton(sp => new MetricsHistory(sp.GetRequiredService<SpaceCombatMetrics>(), time, sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton<CircuitActivityRegistry>();
        services.AddScoped<CurrentCircuit>();
        services.AddScoped<AdminAccess>();
        services.AddSingleton<IHostApplicationLifetime, FakeLifetime>();
        services.AddSingleton<ShutdownNotifier>();
        services.AddSingleton<IDice>(CryptoDice.Instance);
        services.AddSingleton<InMemoryBattleRegistry>();
        services.AddSingleton<IBattleRegistry>(sp => sp.GetRequiredService<InMemoryBattleRegistry>());
        services.AddSingleton<PlayerActionRateLimiter>();
        services.AddScoped<CombatSession>();
        return new Fakes(time, options);
    }
}
