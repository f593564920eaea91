using System.Text.Json;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.TestSupport;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Journal;
using SpaceCombat.Web.Operations;
using SpaceCombat.Web.Tests.Operations;
using StackExchange.Redis;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// The real application host with <c>Storage = Redis</c> on a real redis-server: a battle outlives its host and comes
/// back in the next host on the same Redis (another content root: nothing is kept on the node's disk), and a seat token
/// one host protected opens in another host sharing the Redis (the Data Protection keys are there).
/// </summary>
[Collection(ApplicationHostCollection.Name)]
public sealed class RedisStorageHostTests : IClassFixture<RedisServer>, IDisposable
{
    private readonly RedisServer _redis;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "spacecombat-tests", Guid.NewGuid().ToString("N"));

    public RedisStorageHostTests(RedisServer redis)
    {
        _redis = redis;
        using var admin = ConnectionMultiplexer.Connect(redis.ConnectionString);
        admin.GetServers().Single().FlushAllDatabases();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A node: its own content root and log folder, battles and keys in the shared Redis.</summary>
    private WebApplicationFactory<SpaceCombatOptions> StartNode(string name, string? redis = null)
    {
        var contentRoot = Path.Combine(_root, name);
        Directory.CreateDirectory(contentRoot);
        var factory = new WebApplicationFactory<SpaceCombatOptions>().WithWebHostBuilder(builder => builder
            .UseContentRoot(contentRoot)
            .ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SpaceCombat:LogDirectory"] = Path.Combine(contentRoot, "logs"),
                ["SpaceCombat:Storage"] = "Redis",
                ["SpaceCombat:Redis"] = redis ?? _redis.ConnectionString,
            })));
        _ = factory.Server;
        return factory;
    }

    private static IBattleRegistry RegistryOf(WebApplicationFactory<SpaceCombatOptions> node) => node.Services.GetRequiredService<IBattleRegistry>();

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, BattleJson.Options);

    [Fact]
    public async Task A_battle_created_on_one_host_comes_back_with_the_same_state_in_the_next_host_on_the_same_redis()
    {
        SeatGrant one, two;
        BattleView before;
        IConnectionMultiplexer firstConnection;
        // Options past the endpoint stand for what must not reach the log (a password would be one).
        await using (var first = StartNode("first", $"{_redis.ConnectionString},name=secret-client-name,connectTimeout=4000"))
        {
            var registry = RegistryOf(first);
            firstConnection = first.Services.GetRequiredService<IConnectionMultiplexer>();
            var (created, problem) = await registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, "mercenary_cruiser", null, RangeBand.Short));
            Assert.Null(problem);
            one = created!;
            two = (await registry.JoinAsync(one.BattleId, "free_trader")).Grant!;
            for (var i = 0; i < 4; i++)
            {
                var active = (await registry.GetAsync(one.BattleId))!.Snapshot!.ActiveSide!.Value;
                var token = active == Side.One ? one.Token : two.Token;
                await registry.ExecuteAsync(one.BattleId, token, new FireLasers(active, 0));
                Assert.True((await registry.ExecuteAsync(one.BattleId, token, new EndTurn(active))).Accepted);
            }
            before = (await registry.GetAsync(one.BattleId, Side.One))!;
        }
        Assert.False(firstConnection.IsConnected); // closed with its host
        var logs = Path.Combine(_root, "first", "logs");
        await ClefFiles.WaitForLineAsync(logs, "Connecting to Redis at {Endpoints}", TimeSpan.FromSeconds(30));
        Assert.Contains($"\"Endpoints\":\"127.0.0.1:{_redis.Port}\"", ClefFiles.Lines(logs).Single(line => line.Contains("Connecting to Redis", StringComparison.Ordinal)));
        Assert.DoesNotContain(ClefFiles.Lines(logs), line => line.Contains("secret-client-name", StringComparison.Ordinal));

        await using var second = StartNode("second");
        var after = (await RegistryOf(second).GetAsync(one.BattleId, Side.One))!;

        Assert.Equal(BattlePhase.InProgress, after.Phase);
        Assert.Equal(Json(before.Snapshot), Json(after.Snapshot));
        Assert.Equal(before.Log.Select(BattleJson.WriteEvent), after.Log.Select(BattleJson.WriteEvent));
        Assert.Equal(before.TurnDeadline, after.TurnDeadline);
        Assert.Equal(Side.One, await RegistryOf(second).SeatForAsync(one.BattleId, one.Token));
        Assert.Equal(Side.Two, await RegistryOf(second).SeatForAsync(one.BattleId, two.Token));
        Assert.Contains(await RegistryOf(second).ListAsync(), battle => battle.Id == one.BattleId);
        Assert.IsType<RedisBattleJournal>(second.Services.GetRequiredService<IBattleJournal>());
        Assert.False(File.Exists(Path.Combine(_root, "first", "data", SqliteBattleJournal.FileName)));
    }

    [Fact]
    public async Task A_seat_token_protected_by_one_host_opens_in_another_host_sharing_the_redis()
    {
        var browser = new BrowserLocalStorage();
        await using var first = StartNode("first");
        await using var second = StartNode("second");

        await StorageOf(first).SetAsync("spacecombat.seat.ABCDEF", "seat-token");
        var read = await StorageOf(second).GetAsync<string>("spacecombat.seat.ABCDEF");

        Assert.True(read.Success);
        Assert.Equal("seat-token", read.Value);
        using var look = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        Assert.True(await look.GetDatabase().KeyExistsAsync(DataProtectionKeys.RedisKey));
        Assert.False(Directory.Exists(Path.Combine(_root, "first", "data", "keys")));
        Assert.False(Directory.Exists(Path.Combine(_root, "second", "data", "keys")));

        ProtectedLocalStorage StorageOf(WebApplicationFactory<SpaceCombatOptions> node) =>
            new(browser, node.Services.GetRequiredService<IDataProtectionProvider>());
    }
}
