using SpaceCombat.LoadTest;
using SpaceCombat.Tests.E2E;

namespace SpaceCombat.Tests.LoadTest;

/// <summary>
/// The load test's headless Blazor circuits play 10 whole person-vs-person battles against the real app through its
/// pages (invite link, join, fire, end turn) to a result. Asserts completion and correctness only, never timing.
/// </summary>
public sealed class CircuitLoadSmokeTests
{
    [Fact]
    public async Task Ten_person_vs_person_battles_played_by_headless_circuits_all_end_with_consistent_results()
    {
        // The smoke test plays fast (short think time), so the per-player rate limit is relaxed for this app only.
        await using var app = new SpaceCombatAppFactory(new Dictionary<string, string?> { ["SpaceCombat:RateLimitMaxActions"] = "100" });
        var output = Path.Combine(Path.GetTempPath(), "spacecombat-loadtest-smoke-" + Guid.NewGuid().ToString("N"));
        var options = LoadTestOptions.Parse(["--url", app.BaseUrl.ToString(), "--battles", "10", "--think-ms", "20-80", "--timeout", "240", "--no-progress", "--output", output]);
        var log = new StringWriter();

        try
        {
            var (reports, markdown) = await LoadTestProgram.RunAsync(options, log, CancellationToken.None);

            var level = Assert.Single(reports);
            Assert.True(level.Failed == 0, $"Failures: {string.Join(", ", level.FailuresByReason.Select(p => $"{p.Key} x{p.Value}"))}\n{log}");
            Assert.Equal(10, level.Started);
            Assert.Equal(10, level.Completed);
            // Every battle has a result on both sides, and they agree: one Victory and one Defeat, or both Draw.
            Assert.Equal(10, level.Results.Values.Sum());
            Assert.All(level.Results.Keys, pair => Assert.Contains(pair, new[] { "Victory/Defeat", "Defeat/Victory", "Draw/Draw" }));
            Assert.True(level.Actions > 0);
            Assert.True(File.Exists(markdown));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("http://10.0.0.1:5000")]
    [InlineData("http://example.com")]
    public void Non_loopback_targets_are_refused(string url)
    {
        Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", url]));
    }
}
