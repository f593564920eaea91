using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Web.Battles.Cluster;
using SpaceCombat.Web.Battles.Grains;
using SpaceCombat.Web.Battles.Journal;
using SpaceCombat.Web.Operations;
using SpaceCombat.Web.Operations.Nodes;

namespace SpaceCombat.Web.Battles;

public static class BattlesExtensions
{
    /// <summary>
    /// The Orleans silo the battles live in (co-hosted: localhost clustering, or a member of the cluster on Redis in
    /// cluster mode) and the battle services around it.
    /// </summary>
    public static IHostApplicationBuilder AddBattles(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SpaceCombatOptions.SectionName).Get<SpaceCombatOptions>() ?? new SpaceCombatOptions();
        builder.UseOrleans(silo =>
        {
            if (options.Cluster.Enabled)
            {
                silo.UseBattleSilo().JoinBattleCluster(options);
            }
            else
            {
                silo.UseBattleSilo(options.SiloPort);
            }
        });
        builder.Services.AddBattles();
        return builder;
    }

    /// <summary>A single-server silo on loopback, with no gateway: the web server in the same process is its only client.</summary>
    public static ISiloBuilder UseBattleSilo(this ISiloBuilder silo, int siloPort) =>
        // Port 0: any free port, so several apps (tests) run side by side; one server needs no known port.
        silo.UseBattleSilo().UseLocalhostClustering(siloPort: siloPort == 0 ? LoopbackPorts.Free() : siloPort, gatewayPort: 0);

    /// <summary>What every battle silo needs whatever its clustering: the game's types on the wire.</summary>
    public static ISiloBuilder UseBattleSilo(this ISiloBuilder silo)
    {
        silo.Services.AddBattleSerializer();
        return silo;
    }

    /// <summary>
    /// The game's own types cross grain calls in the JSON contracts of BattleJson. In one process they are not even
    /// copied: they are immutable ([Immutable] records, or wrapped in Immutable&lt;T&gt;).
    /// </summary>
    public static IServiceCollection AddBattleSerializer(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(
            isSupported: type => type.Namespace?.StartsWith("SpaceCombat.", StringComparison.Ordinal) == true,
            jsonSerializerOptions: BattleJson.Options));

    /// <summary>
    /// The battle registry over grains, this server's feed of battle views and seat leases, the journal the
    /// <c>Storage</c> setting names, the per-circuit combat session and its presence handler, the pruner, the start-up
    /// revival of the kept battles, and the cluster's nodes for the admin dashboard.
    /// </summary>
    public static IServiceCollection AddBattles(this IServiceCollection services)
    {
        services.AddBattleGrainServices();
        services.AddSingleton<BattleFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<BattleFeed>());
        services.AddSingleton<IBattleRegistry, GrainBattleRegistry>();
        services.AddScoped<CombatSession>();
        services.AddScoped<SeatStore>();
        services.AddScoped<CircuitHandler, SeatPresenceHandler>();
        services.AddSingleton<ClusterSeniority>();
        services.AddHostedService<BattlePruner>();
        services.AddHostedService<BattleRevival>();
        services.AddHostedService<NodeDepartureWatch>();
        services.AddSingleton<MatchupOdds>();
        services.AddClusterNodes();
        return services;
    }

    /// <summary>
    /// What a battle grain takes from its silo beside the settings, clock and metrics: the dice, the journal the
    /// <c>Storage</c> setting names (and the Redis connection it may use) and the opener (for rematches). A dice or
    /// journal registered before is kept.
    /// </summary>
    public static IServiceCollection AddBattleGrainServices(this IServiceCollection services)
    {
        services.TryAddSingleton<IDice>(CryptoDice.Instance);
        services.AddRedisConnection();
        services.TryAddSingleton<IBattleJournal>(CreateJournal);
        services.TryAddSingleton<BattleOpener>();
        return services;
    }

    private static IBattleJournal CreateJournal(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SpaceCombatOptions>>().Value;
        if (string.Equals(options.Storage, SpaceCombatOptions.MemoryStorage, StringComparison.OrdinalIgnoreCase))
        {
            return new MemoryBattleJournal();
        }
        if (options.StoresInRedis)
        {
            return new RedisBattleJournal(services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>());
        }
        var folder = Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, options.DataDirectory);
        return new SqliteBattleJournal(Path.Combine(folder, SqliteBattleJournal.FileName));
    }
}
