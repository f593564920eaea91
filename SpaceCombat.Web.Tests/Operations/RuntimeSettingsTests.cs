using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class RuntimeSettingsTests
{
    [Fact]
    public void App_runtimeconfig_carries_no_gc_or_thread_pool_setting_of_its_own()
    {
        // The web app's runtimeconfig is copied next to the tests by the project reference.
        var path = Path.Combine(AppContext.BaseDirectory, "SpaceCombat.Web.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties")
            .EnumerateObject().Select(p => p.Name).ToList();

        // Server GC is the Web SDK's own default; anything else under System.GC or the thread pool would be tuning.
        Assert.DoesNotContain(properties, name =>
            (name.StartsWith("System.GC.", StringComparison.Ordinal) && name != "System.GC.Server")
            || name.StartsWith("System.Threading.ThreadPool.", StringComparison.Ordinal));
    }

    [Fact]
    public void Gc_settings_are_read_from_the_runtime_variables_and_missing_ones_read_as_off()
    {
        var settings = RuntimeSettingsReport.Read(new Dictionary<string, object>
        {
            ["ServerGC"] = true,
            ["ConcurrentGC"] = false,
            ["GCDynamicAdaptationMode"] = 1L,
            ["HeapCount"] = 2L,
        });

        Assert.Equal(new GcSettings(ServerGc: true, ConcurrentGc: false, DynamicAdaptation: true, HeapCount: 2), settings);
        Assert.Equal(new GcSettings(false, false, false, 0), RuntimeSettingsReport.Read(new Dictionary<string, object>()));
    }

    [Fact]
    public async Task Start_up_logs_the_effective_gc_settings_once()
    {
        var logs = new FakeLogCollector();
        var report = new RuntimeSettingsReport(new FakeLogger<RuntimeSettingsReport>(logs));

        await report.StartAsync(CancellationToken.None);

        var record = Assert.Single(logs.GetSnapshot());
        Assert.StartsWith("Runtime: server GC ", record.Message, StringComparison.Ordinal);
        Assert.Contains($"{Environment.ProcessorCount} processors", record.Message, StringComparison.Ordinal);
    }
}
