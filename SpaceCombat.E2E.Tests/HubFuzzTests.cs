using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Core.Battles;
using SpaceCombat.CircuitClient;
using SpaceCombat.Web.Battles;
using Xunit.Abstractions;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// A random fuzz of the Blazor hub: 100,000 messages from 30 hostile circuits (each of 10 person-vs-person battles has
/// a second tab of each seat and a spectator) while the 20 seated players play the battles fairly to their end. Nothing
/// may log an error, /health must answer 200 throughout, every battle's accepted commands must be exactly ones its
/// players sent in their own turns, and every battle must end in Victory/Defeat. The fuzz is seeded
/// (SPACECOMBAT_FUZZ_SEED repeats a run); the seed is in every failure message.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class HubFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Battles = 10;
    private const int EventsWanted = 100_000;
    private const string SetupPath = "/new?opponent=person&ship=patrol_corvette&range=Short";
    private const string JoinQuery = "?ship=free_trader";

    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "spacecombat-fuzz-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_logDirectory))
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
    }

    private sealed record FuzzedBattle(string Id, FairPlayer One, FairPlayer Two, HubFuzzer[] Fuzzers);

    [Fact]
    public async Task A_hundred_thousand_random_hub_events_over_fifty_circuits_in_ten_battles_change_no_battle_unlawfully_and_log_no_error()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SPACECOMBAT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : 16_100;
        output.WriteLine($"Fuzz seed {seed} (set SPACECOMBAT_FUZZ_SEED to repeat a run)");
        var failures = new List<string>();
        var tally = new FuzzTally();
        var clock = Stopwatch.StartNew();
        List<FuzzedBattle> battles;
        var results = new List<string>();
        var healthFailures = new List<string>();
        var healthPolls = 0;

        await using (var app = new SpaceCombatAppFactory(new Dictionary<string, string?>
        {
            ["SpaceCombat:LogDirectory"] = _logDirectory,
            // The seats' second tabs click too: no rate limit shared with the fair player may refuse the fair player.
            ["SpaceCombat:RateLimitMaxActions"] = "1000000",
            // The whole log stays, for the audit; no turn runs out of time, so only a command can end a turn.
            ["SpaceCombat:CombatHistoryLimit"] = "100000",
            ["SpaceCombat:TurnTimer"] = "00:30:00",
            ["SpaceCombat:IdleTimeout"] = "00:30:00",
        }))
        {
            await using var client = new HostileClient(app.BaseUrl);
            using var stopHealth = new CancellationTokenSource();
            var health = Task.Run(async () =>
            {
                while (!stopHealth.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await client.Http.GetAsync(new Uri(app.BaseUrl, "health"), stopHealth.Token);
                        if ((int)response.StatusCode != 200)
                        {
                            healthFailures.Add($"/health answered {(int)response.StatusCode} at {clock.Elapsed.TotalSeconds:F1} s");
                        }
                        healthPolls++;
                        await Task.Delay(250, stopHealth.Token);
                    }
                    catch (OperationCanceledException) when (stopHealth.IsCancellationRequested)
                    {
                        break;
                    }
                    catch (Exception exception)
                    {
                        healthFailures.Add($"/health failed at {clock.Elapsed.TotalSeconds:F1} s: {exception.GetType().Name}: {exception.Message}");
                    }
                }
            });

            var master = new Random(seed);
            var seeds = Enumerable.Range(0, Battles).Select(_ => master.Next()).ToArray();
            battles = [.. await Task.WhenAll(Enumerable.Range(0, Battles).Select(b => SetUpAsync(client, app.BaseUrl, new Random(seeds[b]), tally)))];
            var setUp = clock.Elapsed;

            var perFuzzer = (EventsWanted + (Battles * 3) - 1) / (Battles * 3);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            var fuzzing = battles.SelectMany(b => b.Fuzzers).Select(f => f.RunAsync(perFuzzer, TimeSpan.FromMilliseconds(15), stop.Token)).ToArray();
            var playing = battles.SelectMany(b => new[] { b.One.PlayToResultAsync(thinkMaxMs: 60), b.Two.PlayToResultAsync(thinkMaxMs: 60) }).ToArray();
            await Task.WhenAll(fuzzing);
            var fuzzed = clock.Elapsed - setUp;
            var outcomes = await Task.WhenAll(playing);
            var played = clock.Elapsed - setUp;

            var registry = app.Services.GetRequiredService<IBattleRegistry>();
            for (var b = 0; b < battles.Count; b++)
            {
                var battle = battles[b];
                var pair = $"{outcomes[2 * b] ?? "none"}/{outcomes[(2 * b) + 1] ?? "none"}";
                results.Add(pair);
                if (pair is not ("Victory/Defeat" or "Defeat/Victory"))
                {
                    failures.Add($"Battle {battle.Id} ended {pair}, not Victory/Defeat.");
                }
                failures.AddRange(battle.One.Problems.Concat(battle.Two.Problems).Select(p => $"Battle {battle.Id}: {p}"));
                var view = await registry.GetAsync(battle.Id);
                if (view is null)
                {
                    failures.Add($"Battle {battle.Id} is gone from the registry.");
                    continue;
                }
                failures.AddRange(CommandAudit.Check(view, [.. battle.One.Sent, .. battle.Two.Sent]).Select(p => $"Battle {battle.Id}: {p}"));
            }

            await stopHealth.CancelAsync();
            await health;
            await Task.WhenAll(battles.SelectMany(b => b.Fuzzers).Select(f => f.DisposeAsync().AsTask()));
            output.WriteLine($"Set-up {setUp.TotalSeconds:F1} s; {tally.Total:N0} hub events sent in {fuzzed.TotalSeconds:F1} s " +
                $"({tally.Total / fuzzed.TotalSeconds:N0}/s) by 30 hostile circuits; circuits closed by the server and reopened: {tally.Reopened}; " +
                $"battles played out in {played.TotalSeconds:F1} s: {string.Join(", ", results)}; /health polled {healthPolls} times");
            output.WriteLine(string.Join(", ", tally.ByKind.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:N0}")));
        }

        // The app is disposed: its log files are complete.
        var problems = ServerProblems(_logDirectory).ToList();
        output.WriteLine($"Whole test {clock.Elapsed.TotalSeconds:F1} s");
        failures.AddRange(healthFailures);
        failures.AddRange(problems.Take(20));
        // The abuse is logged, sampled: one warning per client (all of this test's circuits come from loopback) per minute.
        var abuseWarnings = Directory.GetFiles(_logDirectory, "spacecombat-*.clef").SelectMany(File.ReadAllLines)
            .Count(line => line.Contains("Hub protocol abuse from", StringComparison.Ordinal) && line.Contains("\"ClientAddress\":\"127.0.0.1\"", StringComparison.Ordinal));
        output.WriteLine($"Hub-abuse warnings logged: {abuseWarnings}");
        if (abuseWarnings < 1 || abuseWarnings > 1 + (int)clock.Elapsed.TotalMinutes)
        {
            failures.Add($"{abuseWarnings} hub-abuse warnings were logged in {clock.Elapsed.TotalSeconds:F0} s, not one per minute.");
        }
        if (tally.Total < EventsWanted)
        {
            failures.Add($"Only {tally.Total:N0} hub events were sent.");
        }
        Assert.True(failures.Count == 0, $"Fuzz seed {seed}: {failures.Count} failures:\n{string.Join('\n', failures.Take(40))}");
    }

    /// <summary>A battle two fair players set up through the pages, then a second tab of each seat and a spectator.</summary>
    private static async Task<FuzzedBattle> SetUpAsync(HostileClient client, Uri baseUrl, Random random, FuzzTally tally)
    {
        var creatorStorage = new Dictionary<string, string>();
        var joinerStorage = new Dictionary<string, string>();
        var creator = await client.OpenAsync(SetupPath, creatorStorage);
        await HostileClient.ClickAsync(creator, "Start Battle");
        await HostileClient.WaitAsync(creator, t => t.TextOf("invite-link") is not null, "the invite link");
        var invitePath = new Uri(creator.Query(t => t.TextOf("invite-link"))!).AbsolutePath;
        var id = invitePath[(invitePath.LastIndexOf('/') + 1)..];
        var joiner = await client.OpenAsync(invitePath + JoinQuery, joinerStorage);
        await HostileClient.ClickAsync(joiner, "Join Battle");
        await HostileClient.WaitAsync(joiner, t => t.ByClass("sc-hud") is not null, "the joiner's battle page");
        await HostileClient.WaitAsync(creator, t => t.ByClass("sc-hud") is not null, "the creator's battle page");

        var battlePath = $"/battle/{id}";
        HubFuzzer Fuzzer(Dictionary<string, string> storage, bool seated) =>
            new(baseUrl, client.Http, battlePath, Snapshot(storage), seated, new Random(random.Next()), tally);
        return new FuzzedBattle(id,
            new FairPlayer(creator, Side.One, new Random(random.Next())),
            new FairPlayer(joiner, Side.Two, new Random(random.Next())),
            [Fuzzer(creatorStorage, seated: true), Fuzzer(joinerStorage, seated: true), Fuzzer([], seated: false)]);
    }

    private static Dictionary<string, string> Snapshot(Dictionary<string, string> storage)
    {
        lock (storage)
        {
            return new Dictionary<string, string>(storage);
        }
    }

    /// <summary>Error and fatal events in the app's log files, and any event that names an unhandled exception.</summary>
    private static IEnumerable<string> ServerProblems(string logDirectory) =>
        Directory.GetFiles(logDirectory, "spacecombat-*.clef")
            .SelectMany(File.ReadAllLines)
            .Where(line => line.Contains("\"@l\":\"Error\"", StringComparison.Ordinal)
                || line.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal)
                || line.Contains("nhandled exception", StringComparison.OrdinalIgnoreCase))
            .Select(line => "Server log: " + (line.Length > 600 ? line[..600] + "…" : line));
}
