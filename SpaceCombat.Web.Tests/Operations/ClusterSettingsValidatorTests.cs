using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class ClusterSettingsValidatorTests
{
    private readonly SpaceCombatOptionsValidator _validator = new();

    private static SpaceCombatOptions ClusterOn(Action<SpaceCombatOptions>? change = null)
    {
        var options = new SpaceCombatOptions
        {
            Storage = SpaceCombatOptions.RedisStorage,
            Redis = "127.0.0.1:6379",
            Cluster = new SpaceCombatOptions.ClusterOptions { Enabled = true, NodeId = "node1", SiloPort = 11111, GatewayPort = 30000 },
        };
        change?.Invoke(options);
        return options;
    }

    [Fact]
    public void Cluster_mode_is_off_by_default_and_the_defaults_are_valid()
    {
        var options = new SpaceCombatOptions();

        Assert.False(options.Cluster.Enabled);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Cluster_mode_with_battles_in_redis_and_the_server_named_is_valid() =>
        Assert.True(_validator.Validate(null, ClusterOn()).Succeeded);

    [Fact]
    public void Cluster_mode_requires_the_battles_in_redis()
    {
        var result = _validator.Validate(null, ClusterOn(o => o.Storage = SpaceCombatOptions.SqliteStorage));

        Assert.Contains(result.Failures!, f => f.Contains("SpaceCombat:Cluster:Enabled requires SpaceCombat:Storage = Redis", StringComparison.Ordinal));
    }

    [Fact]
    public void Cluster_mode_requires_the_redis_server()
    {
        var result = _validator.Validate(null, ClusterOn(o => o.Redis = " "));

        Assert.Contains(result.Failures!, f => f.Contains("SpaceCombat:Cluster:Enabled requires SpaceCombat:Redis", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("node 1")]
    [InlineData("node/1")]
    [InlineData("a-node-id-that-is-much-longer-than-anyone-would-put-into-every-log-line")]
    public void A_node_id_must_be_a_short_plain_name(string nodeId)
    {
        var result = _validator.Validate(null, ClusterOn(o => o.Cluster.NodeId = nodeId));

        Assert.Contains(result.Failures!, f => f.StartsWith("SpaceCombat:Cluster:NodeId must be", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1, 30000, "SpaceCombat:Cluster:SiloPort must be a port")]
    [InlineData(11111, 70000, "SpaceCombat:Cluster:GatewayPort must be a port")]
    [InlineData(11111, 11111, "SpaceCombat:Cluster:SiloPort and SpaceCombat:Cluster:GatewayPort must differ")]
    public void Ports_must_be_ports_and_differ(int siloPort, int gatewayPort, string failure)
    {
        var result = _validator.Validate(null, ClusterOn(o =>
        {
            o.Cluster.SiloPort = siloPort;
            o.Cluster.GatewayPort = gatewayPort;
        }));

        Assert.Contains(result.Failures!, f => f.StartsWith(failure, StringComparison.Ordinal));
    }

    [Fact]
    public void The_advertised_address_must_be_an_ip_address()
    {
        var result = _validator.Validate(null, ClusterOn(o => o.Cluster.AdvertisedAddress = "node1.example"));

        Assert.Contains(result.Failures!, f => f.StartsWith("SpaceCombat:Cluster:AdvertisedAddress must be an IP address", StringComparison.Ordinal));
    }
}
