using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Grains;
using SpaceCombat.Web.Battles.Journal;
using SpaceCombat.Web.Operations;
using SpaceCombat.Web.Operations.Nodes;

namespace SpaceCombat.Grains.Tests;

/// <summary>
/// Orleans' in-process test cluster with the battle grains as the app hosts them: each silo has the app's battle
/// services (<see cref="BattlesExtensions.AddBattleGrainServices"/>, the battle serializer, settings, metrics), one
/// <see cref="MemoryBattleJournal"/> shared by every silo standing in for shared storage, shared seeded dice, and one
/// fake clock for the grains' deadlines and timers (Orleans' own membership, messaging and collection keep real time,
/// so advancing the clock rings only the battles' alarms). Silo i is named <c>node-i</c>.
/// </summary>
public sealed class BattleTestCluster : IAsyncDisposable
{
    private readonly ServiceProvider _clientServices = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private BattleTestCluster(short silos, Action<SpaceCombatOptions>? configure, IDice dice)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((silo, host) =>
        {
            host.Logging.SetMinimumLevel(LogLevel.Warning);
            var services = host.Services;
            services.AddSingleton<TimeProvider>(Time);
            foreach (var area in (string[])[TimeProviderNames.Membership, TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.ActivationManagement])
            {
                services.AddKeyedSingleton(area, TimeProvider.System);
            }
            services.AddOptions<SpaceCombatOptions>().Configure(options =>
            {
                options.PresenceLease = TimeSpan.FromDays(1);
                configure?.Invoke(options);
                options.Cluster.NodeId = NodeName(silo.SiloName);
            });
            services.AddMetrics();
            services.AddSingleton<SpaceCombatMetrics>();
            services.AddSingleton<IBattleJournal>(Journal);
            services.AddSingleton(dice);
            services.AddBattleSerializer();
            services.AddBattleGrainServices();
            services.AddClusterNodes();
        });
        builder.ConfigureClient(client => client.Services.AddBattleSerializer());
        Cluster = builder.Build();
        var options = new SpaceCombatOptions { PresenceLease = TimeSpan.FromDays(1) };
        configure?.Invoke(options);
        Options = options;
        Metrics = new SpaceCombatMetrics(_clientServices.GetRequiredService<IMeterFactory>(), Time);
    }

    /// <summary>Starts a cluster of <paramref name="silos"/> silos (seeded dice unless <paramref name="dice"/> is given).</summary>
    public static async Task<BattleTestCluster> StartAsync(short silos, Action<SpaceCombatOptions>? configure = null, IDice? dice = null)
    {
        var cluster = new BattleTestCluster(silos, configure, dice ?? new SeededDice(7));
        await cluster.Cluster.DeployAsync();
        cluster.Feed = new BattleFeed(cluster.Grains, cluster.Time, Microsoft.Extensions.Options.Options.Create(cluster.Options), NullLogger<BattleFeed>.Instance);
        cluster.Registry = new GrainBattleRegistry(cluster.Grains, cluster.Journal,
            new BattleOpener(cluster.Grains, cluster.Journal, cluster.Time, cluster.Metrics, NullLogger<BattleOpener>.Instance),
            cluster.Feed, cluster.Time, Microsoft.Extensions.Options.Options.Create(cluster.Options));
        return cluster;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    public MemoryBattleJournal Journal { get; } = new();

    public SpaceCombatOptions Options { get; }

    public SpaceCombatMetrics Metrics { get; }

    public InProcessTestCluster Cluster { get; }

    /// <summary>The cluster's client: what a web node's registry calls, wherever the battle lives.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The app's battle registry over the cluster's client.</summary>
    public GrainBattleRegistry Registry { get; private set; } = null!;

    /// <summary>The registry's feed: its renewal schedule is not running, tests renew by hand.</summary>
    public BattleFeed Feed { get; private set; } = null!;

    public IManagementGrain Management => Cluster.Client.GetGrain<IManagementGrain>(0);

    public IBattleGrain Battle(string battleId) => Grains.GetGrain<IBattleGrain>(battleId);

    /// <summary>The silo a battle's grain is active on now, or null when it is active nowhere.</summary>
    public async Task<InProcessSiloHandle?> HostOfAsync(string battleId) =>
        await Management.GetActivationAddress(Battle(battleId)) is { } address
            ? Cluster.Silos.SingleOrDefault(silo => silo.SiloAddress.Equals(address))
            : null;

    /// <summary>Whether the battle's grain has an activation on any silo still running.</summary>
    public bool IsActive(string battleId) => Cluster.TryGetGrainContext(Battle(battleId).GetGrainId(), out _);

    /// <summary>Deactivates the battle's grain wherever it is (an operator's management call) and waits until it is gone.</summary>
    public async Task DeactivateAsync(string battleId)
    {
        var grainId = Battle(battleId).GetGrainId();
        await Management.DeactivateGrain(grainId, CancellationToken.None);
        await Cluster.WaitForDeactivationAsync(grainId);
    }

    /// <summary>A person-vs-person battle with both seats taken.</summary>
    public async Task<(SeatGrant One, SeatGrant Two)> StartPersonBattleAsync(string shipOne = "mercenary_cruiser", string shipTwo = "free_trader", RangeBand band = RangeBand.Short)
    {
        var (one, problem) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, shipOne, null, band));
        Assert.Null(problem);
        var (two, joinProblem) = await Registry.JoinAsync(one!.BattleId, shipTwo);
        Assert.Null(joinProblem);
        return (one, two!);
    }

    /// <summary>Plays <paramref name="turns"/> turns: the side to act fires its lasers and ends its turn.</summary>
    public async Task PlayTurnsAsync(SeatGrant one, SeatGrant two, int turns)
    {
        for (var i = 0; i < turns; i++)
        {
            var active = (await Registry.GetAsync(one.BattleId))!.Snapshot!.ActiveSide!.Value;
            var token = active == Side.One ? one.Token : two.Token;
            await Registry.ExecuteAsync(one.BattleId, token, new FireLasers(active, 0));
            var ended = await Registry.ExecuteAsync(one.BattleId, token, new EndTurn(active));
            Assert.True(ended.Accepted, ended.Message);
        }
    }

    /// <summary>The test cluster names its silos Silo_0, Silo_1, ...: as nodes they are node-0, node-1, ...</summary>
    public static string NodeName(string siloName) => siloName.Replace("Silo_", "node-", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _clientServices.DisposeAsync();
    }
}
