using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpaceCombat.Core.Dice;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Grains;
using SpaceCombat.Web.Battles.Journal;
using SpaceCombat.Web.Operations;
using SpaceCombat.Web.Operations.Nodes;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// The battles' Orleans silo as the app co-hosts it (a free loopback port, no gateway), on the test's clock, dice,
/// settings and journal, with the web side's services over it. Grain timers run on the test's clock: advancing a
/// <c>FakeTimeProvider</c> rings them. The feed's, pruner's and node reporter's schedules are not started: tests call them.
/// </summary>
public sealed class TestSilo : IDisposable, IAsyncDisposable
{
    private readonly IHost _host;

    public TestSilo(TimeProvider time, IOptions<SpaceCombatOptions> options, SpaceCombatMetrics metrics, IDice dice, IBattleJournal? journal = null,
        Action<ISiloBuilder>? configureSilo = null)
    {
        Journal = journal ?? new MemoryBattleJournal();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(dice);
        builder.Services.AddSingleton(Journal);
        builder.Services.AddSingleton<BattleOpener>();
        builder.Services.AddSingleton<BattleFeed>();
        builder.Services.AddSingleton<GrainBattleRegistry>();
        builder.Services.AddSingleton<ClusterNodes>();
        builder.Services.AddSingleton<NodeReporter>();
        builder.UseOrleans(silo =>
        {
            silo.UseBattleSilo(siloPort: 0);
            configureSilo?.Invoke(silo);
        });
        _host = builder.Build();
        // Off any synchronisation context (a renderer's): the host's continuations must not wait for the blocked caller.
        Task.Run(() => _host.StartAsync()).GetAwaiter().GetResult();
    }

    public IBattleJournal Journal { get; }

    public GrainBattleRegistry Registry => _host.Services.GetRequiredService<GrainBattleRegistry>();

    public BattleFeed Feed => _host.Services.GetRequiredService<BattleFeed>();

    /// <summary>The cluster's nodes as the admin dashboard lists them: this silo alone.</summary>
    public ClusterNodes Nodes => _host.Services.GetRequiredService<ClusterNodes>();

    /// <summary>This node's reports to the cluster's roll (not on a schedule here: tests send them).</summary>
    public NodeReporter Reporter => _host.Services.GetRequiredService<NodeReporter>();

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await Task.Run(() => _host.StopAsync()).ConfigureAwait(false);
        _host.Dispose();
    }
}
