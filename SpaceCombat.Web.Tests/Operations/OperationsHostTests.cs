using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>
/// The operations wiring in the real application host (in-memory test server). The factory is keyed by a Web type;
/// any type of the Web assembly finds the same entry point.
/// </summary>
[Collection(ApplicationHostCollection.Name)]
public sealed class OperationsHostTests : IDisposable
{
    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "spacecombat-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_logDirectory))
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
    }

    private WebApplicationFactory<SpaceCombatOptions> CreateFactory(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["SpaceCombat:LogDirectory"] = _logDirectory, ["SpaceCombat:Storage"] = "Memory" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new WebApplicationFactory<SpaceCombatOptions>().WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(all)));
    }

    [Fact]
    public async Task Health_and_readiness_answer_ok_once_started()
    {
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();

        var health = await client.GetAsync("/health");
        var ready = await client.GetAsync("/ready");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_load_probe_is_built_and_started_with_the_host_before_any_page_opens()
    {
        using var factory = CreateFactory();
        using var client = factory.CreateClient();

        var load = factory.Services.GetRequiredService<ServerLoad>();
        Assert.Contains(load, factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>());
    }

    [Fact]
    public async Task Metrics_endpoint_carries_spacecombat_metrics_after_activity()
    {
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();
        var metrics = factory.Services.GetRequiredService<SpaceCombatMetrics>();
        var limiter = factory.Services.GetRequiredService<PlayerActionRateLimiter>();
        metrics.ConnectionOpened();
        metrics.BattleStarted();
        metrics.ActionAccepted("fire");
        metrics.RecordCommandLatency(TimeSpan.FromMilliseconds(5));
        Assert.True(limiter.TryAcquire("seat-red"));

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("spacecombat_connections_current", text);
        Assert.Contains("spacecombat_battles_current", text);
        // At least this one: the exporter reads every host's meters in the test process (OpenTelemetry subscribes by
        // meter name), so another test's fire may be counted too.
        Assert.Matches("spacecombat_actions_total\\{[^}]*kind=\"fire\"[^}]*\\} [1-9][0-9]*", text);
        Assert.Contains("spacecombat_command_latency_milliseconds_bucket", text);
        Assert.Contains("spacecombat_uptime_seconds", text);
    }

    [Fact]
    public async Task Every_series_on_the_metrics_endpoint_is_labelled_with_the_nodes_name()
    {
        await using var factory = CreateFactory(new Dictionary<string, string?> { ["SpaceCombat:Cluster:NodeId"] = "node-7" });
        using var client = factory.CreateClient();
        factory.Services.GetRequiredService<SpaceCombatMetrics>().BattleStarted();

        var text = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Matches("spacecombat_battles_started_total\\{[^}]*service_instance_id=\"node-7\"[^}]*\\} [0-9]+", text);
        Assert.Matches("spacecombat_uptime_seconds\\{[^}]*service_instance_id=\"node-7\"[^}]*\\} [0-9.]+", text);
        Assert.Matches("target_info\\{[^}]*service_instance_id=\"node-7\"[^}]*\\} 1", text);
    }

    [Fact]
    public async Task Settings_come_from_configuration()
    {
        await using var factory = CreateFactory(new Dictionary<string, string?>
        {
            ["SpaceCombat:IdleTimeout"] = "00:02:00",
            ["SpaceCombat:AdminPassword"] = "s3cret",
        });

        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SpaceCombatOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(2), options.IdleTimeout);
        Assert.Equal("s3cret", options.AdminPassword);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectionCheckInterval);
    }

    [Theory]
    [InlineData("SpaceCombat:RateLimitMaxActions", "0")]
    [InlineData("SpaceCombat:IdleTimeout", "-00:00:01")]
    [InlineData("SpaceCombat:IdleTimeout", "abc")]
    [InlineData("SpaceCombat:CombatHistoryLimit", "ten")]
    [InlineData("Logging:LogLevel:Default", "Loud")]
    public async Task A_bad_setting_stops_start_up_naming_the_key(string key, string value)
    {
        await using var factory = CreateFactory(new Dictionary<string, string?> { [key] = value });

        var exception = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(exception);
        var messages = string.Join(" | ", Flatten(exception));
        Assert.Contains(key, messages);
    }

    [Fact]
    public async Task Requests_are_logged_as_compact_json_in_the_log_directory()
    {
        await using (var factory = CreateFactory())
        {
            using var client = factory.CreateClient();
            await client.GetAsync("/no-such-page");
            await client.GetAsync("/health");
        }

        var file = Assert.Single(Directory.GetFiles(_logDirectory, "spacecombat-*.clef"));
        var lines = await File.ReadAllLinesAsync(file);
        Assert.All(lines, line => Assert.StartsWith("{\"@t\":", line));
        Assert.Contains(lines, line => line.Contains("\"RequestPath\":\"/no-such-page\"", StringComparison.Ordinal));
        // Probe requests are logged below Information, so they do not reach the file.
        Assert.DoesNotContain(lines, line => line.Contains("\"RequestPath\":\"/health\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_category_has_one_logger_for_the_process_and_it_still_writes_to_the_log_files()
    {
        await using (var factory = CreateFactory())
        {
            using var client = factory.CreateClient();
            var loggers = factory.Services.GetRequiredService<ILoggerFactory>();
            var logger = loggers.CreateLogger("SpaceCombat.Tests.SharedCategory");

            Assert.Same(logger, loggers.CreateLogger("SpaceCombat.Tests.SharedCategory"));
            logger.LogWarning("Shared logger {Marker}", "c4f1e2");
        }

        var lines = Directory.GetFiles(_logDirectory, "spacecombat-*.clef").SelectMany(File.ReadAllLines).ToList();
        Assert.Contains(lines, line => line.Contains("c4f1e2", StringComparison.Ordinal) && line.Contains("SpaceCombat.Tests.SharedCategory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Log_levels_come_from_the_logging_section()
    {
        // Default Warning hides the request log (Information); a category of its own brings the request log back.
        await using (var factory = CreateFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Serilog.AspNetCore"] = "Information",
        }))
        {
            using var client = factory.CreateClient();
            await client.GetAsync("/shown-page");
        }
        await using (var factory = CreateFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }))
        {
            using var client = factory.CreateClient();
            await client.GetAsync("/hidden-page");
        }

        var lines = Directory.GetFiles(_logDirectory, "spacecombat-*.clef").SelectMany(File.ReadAllLines).ToList();
        Assert.Contains(lines, line => line.Contains("\"RequestPath\":\"/shown-page\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("\"RequestPath\":\"/hidden-page\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task As_shipped_the_hub_dispatcher_logs_nothing_so_SignalR_starts_no_activity_per_hub_message()
    {
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();

        // SignalR starts an activity for a hub message when this logger is enabled at Critical (or the source has listeners).
        Assert.False(loggers.CreateLogger(LogLevels.HubDispatcherCategory).IsEnabled(LogLevel.Critical));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.SignalR.HubConnectionHandler").IsEnabled(LogLevel.Warning));
    }

    private static IEnumerable<string> Flatten(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current.Message;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
