using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class SpaceCombatOptionsValidatorTests
{
    private readonly SpaceCombatOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_valid_and_match_the_product_settings()
    {
        var options = new SpaceCombatOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(30), options.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectionCheckInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.CombatInactiveTimeout);
        Assert.Equal(10, options.CombatHistoryLimit);
        Assert.Equal(TimeSpan.FromSeconds(60), options.CombatCheckInterval);
        Assert.Equal(TimeSpan.FromDays(1), options.BattleRetention);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RateLimitWindow);
        Assert.Equal(2, options.RateLimitMaxActions);
        Assert.Equal(6, options.RateLimitQueueLimit);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MetricsLogInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.TurnTimer);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ReconnectGrace);
        Assert.Null(options.AdminPassword);
        Assert.Equal("logs", options.LogDirectory);
        Assert.Equal(100L * 1024 * 1024, options.LogFileSizeLimitBytes);
        Assert.Equal(31, options.LogRetainedFileCount);
        Assert.Empty(options.AllowedOrigins);
    }

    [Theory]
    [InlineData("https://space.example.com")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("https://space.example.com/")]
    [InlineData("http://[::1]:8080")]
    public void Allowed_origins_accept_scheme_host_and_port(string origin) =>
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { AllowedOrigins = [origin] }).Succeeded);

    [Theory]
    [InlineData("space.example.com")]
    [InlineData("ftp://space.example.com")]
    [InlineData("https://space.example.com/game")]
    [InlineData("https://space.example.com?x=1")]
    [InlineData("https://user@space.example.com")]
    [InlineData("")]
    public void Allowed_origins_reject_anything_but_an_origin_naming_the_index(string origin)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { AllowedOrigins = ["https://ok.example", origin] });

        Assert.StartsWith("SpaceCombat:AllowedOrigins:1 must be an origin", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Battle_retention_may_be_zero_but_not_negative_nor_past_a_year()
    {
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { BattleRetention = TimeSpan.Zero }).Succeeded);
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { BattleRetention = TimeSpan.FromDays(365) }).Succeeded);

        Assert.Equal("SpaceCombat:BattleRetention must be from 00:00:00 to 365.00:00:00, got -00:00:01",
            Assert.Single(_validator.Validate(null, new SpaceCombatOptions { BattleRetention = TimeSpan.FromSeconds(-1) }).Failures!));
        Assert.Single(_validator.Validate(null, new SpaceCombatOptions { BattleRetention = TimeSpan.FromDays(366) }).Failures!);
    }

    [Fact]
    public void Log_file_size_and_count_must_be_usable()
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { LogFileSizeLimitBytes = 1000, LogRetainedFileCount = 0 });

        Assert.Equal(
            ["SpaceCombat:LogFileSizeLimitBytes must be at least 1024 bytes, got 1000", "SpaceCombat:LogRetainedFileCount must be a positive whole number, got 0"],
            result.Failures!);
    }

    [Fact]
    public void Storage_must_be_one_the_app_has_with_a_data_folder_a_port_and_a_lease()
    {
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { Storage = "memory" }).Succeeded);
        Assert.Equal("Sqlite", new SpaceCombatOptions().Storage);

        var result = _validator.Validate(null, new SpaceCombatOptions { Storage = "Floppy", DataDirectory = " ", SiloPort = 70000, PresenceLease = TimeSpan.Zero });

        Assert.Equal(
            [
                "SpaceCombat:Storage must be Sqlite, Redis or Memory, got 'Floppy'",
                "SpaceCombat:DataDirectory must name a folder, got an empty value",
                "SpaceCombat:SiloPort must be a port from 0 (any free port) to 65535, got 70000",
                "SpaceCombat:PresenceLease must be a positive time span, got 00:00:00",
            ],
            result.Failures!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("node 1")]
    [InlineData("node\"1")]
    [InlineData("a-name-longer-than-sixty-three-characters-which-no-label-should-carry")]
    public void A_node_name_that_cannot_be_a_metrics_label_is_rejected(string nodeId)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { Cluster = new() { NodeId = nodeId } });

        Assert.False(result.Succeeded);
        Assert.Contains("SpaceCombat:Cluster:NodeId", result.FailureMessage);
    }

    [Fact]
    public void A_node_is_named_after_its_machine_unless_told_otherwise() =>
        Assert.Equal(Environment.MachineName, new SpaceCombatOptions().Cluster.NodeId);

    [Fact]
    public void Redis_storage_needs_a_redis_connection_string_naming_a_server()
    {
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { Storage = "redis", Redis = "127.0.0.1:6379" }).Succeeded);
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { Storage = "Redis", Redis = "redis.example:6380,password=s3cret,ssl=true,abortConnect=false" }).Succeeded);
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { Storage = "Sqlite", Redis = null }).Succeeded);

        Assert.Equal(
            "SpaceCombat:Redis must be a Redis connection string such as 127.0.0.1:6379 when SpaceCombat:Storage is Redis, got an empty value",
            Assert.Single(_validator.Validate(null, new SpaceCombatOptions { Storage = "Redis", Redis = " " }).Failures!));
        Assert.Equal(
            "SpaceCombat:Redis must name at least one Redis server (host:port, e.g. 127.0.0.1:6379)",
            Assert.Single(_validator.Validate(null, new SpaceCombatOptions { Storage = "Redis", Redis = "password=s3cret" }).Failures!));
    }

    [Fact]
    public void An_unreadable_redis_connection_string_is_rejected_without_quoting_it()
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { Storage = "Redis", Redis = "127.0.0.1:6379,password=s3cret,colour=blue" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("SpaceCombat:Redis is not a Redis connection string StackExchange.Redis can read: ", failure);
        Assert.Contains("colour", failure);
        Assert.DoesNotContain("s3cret", failure);
    }

    [Fact]
    public void Negative_time_span_is_rejected_with_the_key_and_value()
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { IdleTimeout = TimeSpan.FromSeconds(-1) });

        Assert.True(result.Failed);
        Assert.Equal("SpaceCombat:IdleTimeout must be a positive time span, got -00:00:01", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Non_positive_action_limit_is_rejected(int value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { RateLimitMaxActions = value });

        Assert.Equal($"SpaceCombat:RateLimitMaxActions must be a positive whole number, got {value}", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_rate_limit_queue_outside_0_to_100_is_rejected(int value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { RateLimitQueueLimit = value });

        Assert.Equal($"SpaceCombat:RateLimitQueueLimit must be from 0 to 100, got {value}", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void A_rate_limit_queue_from_0_to_100_is_accepted(int value) =>
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { RateLimitQueueLimit = value }).Succeeded);

    [Fact]
    public void Arrival_admission_defaults_to_a_permit_per_processor_a_deep_queue_a_short_hold_and_a_short_wait_for_calm()
    {
        var options = new SpaceCombatOptions();

        Assert.Equal(Environment.ProcessorCount, options.ArrivalPermits);
        Assert.Equal(10_000, options.ArrivalQueueLimit);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ArrivalHoldLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(20), options.ArrivalLagLimit);
        Assert.Equal(0.85, options.ArrivalProcessorLimit);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ArrivalBusyWaitLimit);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:10.001")]
    public void An_arrival_lag_limit_not_above_zero_or_above_ten_seconds_is_rejected(string value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { ArrivalLagLimit = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.StartsWith("SpaceCombat:ArrivalLagLimit must be a positive time span of at most 00:00:10, got", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void An_arrival_processor_limit_not_above_zero_or_above_one_is_rejected(double value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { ArrivalProcessorLimit = value });

        Assert.StartsWith("SpaceCombat:ArrivalProcessorLimit must be a share of the processors above 0 and at most 1, got", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    public void An_arrival_processor_limit_above_zero_up_to_one_is_accepted(double value) =>
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { ArrivalProcessorLimit = value }).Succeeded);

    [Theory]
    [InlineData("-00:00:00.001")]
    [InlineData("00:01:00.001")]
    public void An_arrival_busy_wait_limit_below_zero_or_above_a_minute_is_rejected(string value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { ArrivalBusyWaitLimit = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.StartsWith("SpaceCombat:ArrivalBusyWaitLimit must be from 00:00:00 to 00:01:00, got", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void Arrival_permits_outside_1_to_1024_are_rejected(int value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { ArrivalPermits = value });

        Assert.Equal($"SpaceCombat:ArrivalPermits must be from 1 to 1024, got {value}", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void An_arrival_queue_outside_0_to_a_million_is_rejected(int value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { ArrivalQueueLimit = value });

        Assert.Equal($"SpaceCombat:ArrivalQueueLimit must be from 0 to 1000000, got {value}", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:01:00.001")]
    public void An_arrival_hold_limit_not_above_zero_or_above_a_minute_is_rejected(string value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { ArrivalHoldLimit = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.StartsWith("SpaceCombat:ArrivalHoldLimit must be a positive time span of at most 00:01:00, got", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var result = _validator.Validate(null, new SpaceCombatOptions
        {
            TurnTimer = TimeSpan.Zero,
            CombatHistoryLimit = 0,
            LogDirectory = " ",
        });

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, failure => failure.StartsWith("SpaceCombat:TurnTimer ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("SpaceCombat:CombatHistoryLimit ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("SpaceCombat:LogDirectory ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("keys\0here")]
    public void A_data_protection_keys_folder_that_names_no_usable_folder_is_refused(string folder)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { DataProtectionKeysDirectory = folder });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("SpaceCombat:DataProtectionKeysDirectory ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_data_protection_keys_live_under_the_content_roots_data_folder_by_default() =>
        Assert.Equal("data/keys", new SpaceCombatOptions().DataProtectionKeysDirectory);

    [Fact]
    public void The_warm_up_defaults_to_eight_battles_and_48_pages_within_a_minute()
    {
        var options = new SpaceCombatOptions();

        Assert.Equal(8, options.WarmUpBattles);
        Assert.Equal(48, options.WarmUpPageVisits);
        Assert.Equal(TimeSpan.FromMinutes(1), options.WarmUpTimeLimit);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(-1, 10, 20, 20)]
    [InlineData(11, 10, 20, 30)]
    [InlineData(10, 10, 9, 30)]
    [InlineData(10, 10, 20, 21)]
    public void Warm_up_battles_beyond_what_one_client_may_hold_are_rejected(int battles, int battlesPerMinute, int lookupsPerMinute, int circuits)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions
        {
            WarmUpBattles = battles,
            BattlesPerClientPerMinute = battlesPerMinute,
            CodeLookupsPerClientPerMinute = lookupsPerMinute,
            CircuitsPerClient = circuits,
        });

        Assert.StartsWith("SpaceCombat:WarmUpBattles must be from 0 to ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Warm_up_battles_within_one_clients_limits_are_accepted(int battles) =>
        Assert.True(_validator.Validate(null, new SpaceCombatOptions { WarmUpBattles = battles, CircuitsPerClient = 22 }).Succeeded);

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Warm_up_page_visits_outside_0_to_1000_are_rejected(int value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { WarmUpPageVisits = value });

        Assert.StartsWith("SpaceCombat:WarmUpPageVisits must be from 0 to 1000, got", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:10:00.001")]
    public void A_warm_up_time_limit_not_above_zero_or_above_ten_minutes_is_rejected(string value)
    {
        var result = _validator.Validate(null, new SpaceCombatOptions { WarmUpTimeLimit = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.StartsWith("SpaceCombat:WarmUpTimeLimit must be a positive time span of at most 00:10:00, got", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
