using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class RuntimeSettingsTests
{
    [Fact]
    public void App_runtimeconfig_keeps_the_platforms_gc_and_thread_pool_defaults()
    {
        // The web app's runtimeconfig is copied next to the tests by the project reference; publish output carries the same.
        var path = Path.Combine(AppContext.BaseDirectory, "SpaceCombat.Web.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var tuning = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties")
            .EnumerateObject()
            .Where(p => (p.Name.StartsWith("System.GC.", StringComparison.Ordinal) && p.Name != "System.GC.Server")
                || p.Name.StartsWith("System.Threading.ThreadPool.", StringComparison.Ordinal))
            .ToDictionary(p => p.Name, p => p.Value.ToString());

        // Server GC is the Web SDK's own default. A setting beside it needs a same-session measurement against the
        // defaults (README "Runtime settings"); the last profile (DATAS off, gen0 budget 32 MB) no longer showed one.
        Assert.Empty(tuning);
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
            ["GCGen0MaxBudget"] = 33554432L,
        });

        Assert.Equal(new GcSettings(ServerGc: true, ConcurrentGc: false, DynamicAdaptation: true, HeapCount: 2, Gen0MaxBudget: 33554432), settings);
        Assert.Equal(new GcSettings(false, false, false, 0, 0), RuntimeSettingsReport.Read(new Dictionary<string, object>()));
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
