using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>The log files of the real host roll at the size cap and keep the configured number of files.</summary>
[Collection(ApplicationHostCollection.Name)]
public sealed class LogRollingHostTests : IDisposable
{
    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "spacecombat-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_logDirectory))
            {
                Directory.Delete(_logDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // The app's thread may still be writing its shutdown events; the folder is under the temp directory.
        }
    }

    private WebApplicationFactory<SpaceCombatOptions> CreateFactory(long sizeLimit, int retained) =>
        new WebApplicationFactory<SpaceCombatOptions>().WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SpaceCombat:LogDirectory"] = _logDirectory,
                ["SpaceCombat:Storage"] = "Memory",
                ["SpaceCombat:LogFileSizeLimitBytes"] = sizeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SpaceCombat:LogRetainedFileCount"] = retained.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })));

    private static void WriteEvents(WebApplicationFactory<SpaceCombatOptions> factory, int count)
    {
        // The host is this test's own (see ApplicationHostCollection).
        Assert.Equal(factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SpaceCombatOptions>>().Value.LogDirectory,
            factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["SpaceCombat:LogDirectory"]);
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SpaceCombat.Tests.LogRolling");
        var padding = new string('x', 150);
        for (var i = 0; i < count; i++)
        {
            logger.LogInformation("Log rolling test event {Number} {Padding}", i, padding);
        }
    }

    /// <summary>Waits (up to 30 s) until the background writer has written event <paramref name="number"/>.</summary>
    private Task WaitForEventAsync(int number) =>
        ClefFiles.WaitForLineAsync(_logDirectory, $"\"Number\":{number},", TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Files_roll_at_the_size_cap_and_none_exceeds_it_by_more_than_an_event()
    {
        const int Cap = 4096;
        await using (var factory = CreateFactory(Cap, retained: 1000))
        {
            WriteEvents(factory, 400);
            await WaitForEventAsync(399);
        }

        var files = Directory.GetFiles(_logDirectory, "spacecombat-*.clef");
        // 400 events of about 300 bytes are about 120 KB: some 30 files of 4 KB.
        Assert.True(files.Length >= 20, $"expected the log to roll into many files, found {string.Join(", ", files.Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length}"))}");
        Assert.All(files, file => Assert.InRange(new FileInfo(file).Length, 1, Cap + 1024));
        var lines = files.SelectMany(File.ReadAllLines).Where(line => line.Contains("Log rolling test event", StringComparison.Ordinal)).ToList();
        Assert.Equal(400, lines.Count);
    }

    [Fact]
    public async Task Only_the_retained_number_of_files_is_kept()
    {
        await using (var factory = CreateFactory(2048, retained: 3))
        {
            WriteEvents(factory, 300);
            await WaitForEventAsync(299);
        }

        var files = Directory.GetFiles(_logDirectory, "spacecombat-*.clef");
        Assert.Equal(3, files.Length);
        // The newest events survive.
        Assert.Contains(files.SelectMany(File.ReadAllLines), line => line.Contains("\"Number\":299", StringComparison.Ordinal));
    }
}
