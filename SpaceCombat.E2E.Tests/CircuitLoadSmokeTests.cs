using System.Globalization;
using SpaceCombat.LoadTest;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// The load test's headless Blazor circuits play whole person-vs-person battles against the real app through its
/// pages (home, set-up, invite link, join, fire, end turn) to a result: 10 at once, and 20 held for two minutes with
/// pairs arriving as battles end. Asserts completion and correctness only, never timing.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class CircuitLoadSmokeTests
{
    [Fact]
    public async Task Ten_person_vs_person_battles_played_by_headless_circuits_all_end_with_consistent_results()
    {
        // The smoke test plays fast (short think time), so the per-player rate limit is relaxed for this app only.
        await using var app = new SpaceCombatAppFactory(new Dictionary<string, string?> { ["SpaceCombat:RateLimitMaxActions"] = "100" });
        var output = Path.Combine(Path.GetTempPath(), "spacecombat-loadtest-smoke-" + Guid.NewGuid().ToString("N"));
        var options = LoadTestOptions.Parse(["--url", app.BaseUrl.ToString(), "--battles", "10", "--think-ms", "20-80", "--timeout", "240", "--no-progress", "--output", output,
            // The generator shares this test process with the server: no re-nicing of the test host's threads.
            "--generator-nice", "0"]);
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

    [Fact]
    public async Task Sustained_mixed_battles_on_the_shipped_settings_keep_arriving_while_others_play_and_all_end_with_consistent_results()
    {
        // The shipped settings (idle and turn timers, two actions a second per player, the per-client limits: each
        // simulated player connects from its own loopback address, as real players come from their own).
        var shipped = new SpaceCombatOptions();
        await using var app = new SpaceCombatAppFactory(new Dictionary<string, string?>
        {
            ["SpaceCombat:CircuitsPerClient"] = shipped.CircuitsPerClient.ToString(CultureInfo.InvariantCulture),
            ["SpaceCombat:BattlesPerClientPerMinute"] = shipped.BattlesPerClientPerMinute.ToString(CultureInfo.InvariantCulture),
            ["SpaceCombat:CodeLookupsPerClientPerMinute"] = shipped.CodeLookupsPerClientPerMinute.ToString(CultureInfo.InvariantCulture),
        });
        var output = Path.Combine(Path.GetTempPath(), "spacecombat-loadtest-sustain-" + Guid.NewGuid().ToString("N"));
        // A fixed seed draws the same scenarios every run; players think at the tool's human pace (0.5-1.5 s). Faster
        // players let a set-up page's address update (a replace navigation) race the Start Battle click in the headless
        // client on a busy machine. Once the window has closed the players still in battle hurry: at the human pace
        // a mix's longest battles (a draw at round 200) run for half an hour, and one outlasted a 600 s play-out.
        var options = LoadTestOptions.Parse(["--url", app.BaseUrl.ToString(), "--sustain", "120", "--battles", "20", "--mix", "--seed", "19",
            "--play-out-think-ms", "20-80", "--timeout", "600", "--no-progress", "--output", output, "--generator-nice", "0"]);
        var log = new StringWriter();

        try
        {
            var (reports, markdown) = await LoadTestProgram.RunAsync(options, log, CancellationToken.None);

            var level = Assert.Single(reports);
            var sustain = Assert.IsType<SustainReport>(level.Sustain);
            Assert.True(level.Failed == 0, $"Failures: {string.Join(", ", level.FailuresByReason.Select(p => $"{p.Key} x{p.Value}"))}\n{log}");
            // Every battle that began in the window ended, both players agreeing: one Victory and one Defeat, or both Draw.
            Assert.True(level.Arrivals > 20, $"Only the first {level.Arrivals} pairs arrived.\n{log}");
            Assert.Equal(level.Arrivals, level.Completed);
            Assert.Equal(level.Arrivals, level.Results.Values.Sum());
            Assert.All(level.Results.Keys, pair => Assert.Contains(pair, new[] { "Victory/Defeat", "Defeat/Victory", "Draw/Draw" }));
            Assert.True(level.Passed);
            // Arrivals overlapped play: pairs kept arriving after a battle had ended.
            Assert.True(sustain.ArrivalsAfterFirstBattleEnded >= 1, $"No pair arrived after the first battle ended.\n{log}");
            Assert.NotEmpty(sustain.Minutes);
            Assert.Equal(level.Arrivals, sustain.Whole.BattlesCompleted);
            Assert.Contains("battles held for", File.ReadAllText(markdown));
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

    [Theory]
    [InlineData("-1")]
    [InlineData("20")]
    [InlineData("ten")]
    public void Generator_niceness_outside_0_to_19_is_refused(string nice)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--generator-nice", nice]));
        Assert.Contains("0 to 19", error.Message);
    }

    [Fact]
    public void Generator_niceness_defaults_to_10_and_can_be_set()
    {
        Assert.Equal(10, LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000"]).GeneratorNice);
        Assert.Equal(0, LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--generator-nice", "0"]).GeneratorNice);
    }
}
