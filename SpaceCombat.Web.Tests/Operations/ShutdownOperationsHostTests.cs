using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>Graceful shutdown and the admin start-up warning in the real application host.</summary>
[Collection(ApplicationHostCollection.Name)]
public sealed class ShutdownOperationsHostTests : IDisposable
{
    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "spacecombat-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_logDirectory))
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
    }

    private WebApplicationFactory<SpaceCombatOptions> CreateFactory(string? adminPassword) =>
        new WebApplicationFactory<SpaceCombatOptions>().WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SpaceCombat:LogDirectory"] = _logDirectory,
                ["SpaceCombat:Storage"] = "Memory",
                ["SpaceCombat:AdminPassword"] = adminPassword,
            })));

    private async Task<string[]> LogLinesAsync() =>
        await File.ReadAllLinesAsync(Assert.Single(Directory.GetFiles(_logDirectory, "spacecombat-*.clef")));

    [Fact]
    public async Task Stopping_the_host_tells_open_pages_the_server_is_restarting_and_flushes_the_log_file()
    {
        var told = 0;
        await using (var factory = CreateFactory(adminPassword: null))
        {
            using var client = factory.CreateClient();
            await client.GetAsync("/health");
            var notifier = factory.Services.GetRequiredService<ShutdownNotifier>();
            notifier.Subscribe(() =>
            {
                told++;
                return Task.CompletedTask;
            });
        }

        Assert.Equal(1, told);
        // Written during shutdown, and on disk once the host's logger has drained.
        await ClefFiles.WaitForLineAsync(_logDirectory, "Server stopping: telling", TimeSpan.FromSeconds(30));
        await ClefFiles.WaitForLineAsync(_logDirectory, "Restart notice shown on", TimeSpan.FromSeconds(30));
        await ClefFiles.WaitForLineAsync(_logDirectory, "AdminPassword is not set: /admin is open to loopback requests only", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task With_an_admin_password_there_is_no_warning_and_the_password_is_never_logged()
    {
        const string password = "zebra-quartz-9137";
        await using (var factory = CreateFactory(password))
        {
            using var client = factory.CreateClient();
            await client.GetAsync("/health");
        }

        var lines = await LogLinesAsync();
        Assert.DoesNotContain(lines, line => line.Contains("AdminPassword is not set", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(password, StringComparison.Ordinal));
    }
}
