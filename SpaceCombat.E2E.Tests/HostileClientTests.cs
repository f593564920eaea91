using System.Diagnostics;
using SpaceCombat.CircuitClient;
using SpaceCombat.Web.Operations;
using Xunit.Abstractions;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// The app against a hostile client (the load test's headless Blazor circuit, all from one loopback address): idle
/// circuits are closed and freed by the server, and each per-client limit refuses with a message and a log line.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class HostileClientTests(ITestOutputHelper output)
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private const string ConnectedMetric = "aspnetcore_components_circuit_connected";
    private const string ActiveMetric = "aspnetcore_components_circuit_active";

    [Fact]
    public async Task Three_hundred_idle_circuits_are_closed_by_the_server_counted_out_and_their_memory_freed()
    {
        await using var app = new SpaceCombatAppFactory(new Dictionary<string, string?>
        {
            ["SpaceCombat:IdleTimeout"] = "00:00:03",
            ["SpaceCombat:ConnectionCheckInterval"] = "00:00:01",
        });
        await using var client = new HostileClient(app.BaseUrl);

        // Warm-up, as many: the first circuits compile and cache what every later one shares, and the server's buffer
        // pools grow to what 300 connections take. A leak then shows as growth over this baseline.
        await OpenIdleCircuitsAsync(client, 300);
        await client.CloseAllAsync();
        var baseline = ManagedHeapAfterFullGc();

        var closings = await OpenIdleCircuitsAsync(client, 300);

        var slowest = closings.Max(c => c.OpenFor);
        var byClose = closings.OrderBy(c => c.OpenFor).ToList();
        var byNotice = closings.Where(c => c.NoticeShown).OrderBy(c => c.NoticeAfter).ToList();
        output.WriteLine($"300 idle circuits (IdleTimeout 3 s, check every 1 s): notice shown on {byNotice.Count}, after " +
            $"{byNotice[0].NoticeAfter!.Value.TotalSeconds:F2} / {byNotice[byNotice.Count / 2].NoticeAfter!.Value.TotalSeconds:F2} / {byNotice[^1].NoticeAfter!.Value.TotalSeconds:F2} s (min / median / max); " +
            $"connection cut after {byClose[0].OpenFor.TotalSeconds:F2} / {byClose[150].OpenFor.TotalSeconds:F2} / {slowest.TotalSeconds:F2} s");
        Assert.All(closings, c => Assert.True(c.NoticeShown, "The page showed the idle notice before its circuit closed."));
        // Found idle by the check after IdleTimeout (at most one interval late), then cut once its page confirmed the
        // notice, or after CurrentCircuit.NoticeTimeout at the latest.
        // On a machine this test shares with other work (300 circuits and their server on 2 cores), a timer tick can
        // come late: 95 % must meet the bound, and every circuit must be cut within 2 s more.
        var bound = IdleTimeout + CheckInterval + CurrentCircuit.NoticeTimeout;
        var p95 = byClose[(int)(byClose.Count * 0.95) - 1].OpenFor;
        Assert.True(p95 <= bound, $"95 % of idle circuits were cut within {p95.TotalSeconds:F2} s (bound {bound.TotalSeconds:F1} s).");
        Assert.True(slowest <= bound + TimeSpan.FromSeconds(2), $"The slowest idle circuit was cut after {slowest.TotalSeconds:F2} s (bound {bound.TotalSeconds:F1} s + 2 s).");

        var connected = await WaitForMetricAsync(client, ConnectedMetric, 0);
        var active = await WaitForMetricAsync(client, ActiveMetric, 0);
        output.WriteLine($"{ConnectedMetric} = {connected}, {ActiveMetric} = {active}");
        Assert.Equal(0, connected);
        Assert.Equal(0, active);

        await client.CloseAllAsync();
        var after = ManagedHeapAfterFullGc();
        output.WriteLine($"Managed heap after a full GC: baseline {baseline / 1e6:F1} MB, after 300 idle circuits {after / 1e6:F1} MB ({(after - baseline) * 100.0 / baseline:+0.0;-0.0} %)");
        Assert.True(after <= baseline * 1.10, $"Heap {after / 1e6:F1} MB is more than 10 % above the baseline {baseline / 1e6:F1} MB.");
    }

    [Fact]
    public async Task The_twenty_first_circuit_from_one_client_is_refused_and_a_closed_one_makes_room()
    {
        await using var app = new SpaceCombatAppFactory(new Dictionary<string, string?> { ["SpaceCombat:CircuitsPerClient"] = "20" });
        await using var client = new HostileClient(app.BaseUrl);
        var circuits = new List<BlazorCircuit>();
        for (var i = 0; i < 19; i++)
        {
            circuits.Add(await client.OpenAsync("/"));
        }
        var pageWithACircuit = await client.Http.GetStringAsync(new Uri(app.BaseUrl, "/"));
        circuits.Add(await client.OpenAsync("/"));

        // The 21st page is served with the message and without a circuit to start.
        var refusedPage = await client.Http.GetStringAsync(new Uri(app.BaseUrl, "/"));
        Assert.Contains("data-testid=\"circuit-refused\"", refusedPage, StringComparison.Ordinal);
        Assert.Contains(ClientLimits.CircuitsRefusedMessage, refusedPage, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => PageMarkers.Parse(refusedPage));

        // A client that starts a circuit anyway, from an earlier page's markers, is refused by the hub.
        await using (var replay = new BlazorCircuit(SpaceCombat.CircuitClient.PlayerConnection.Shared(client.Http), app.BaseUrl, []))
        {
            using var timeout = new CancellationTokenSource(HostileClient.Patience);
            await Assert.ThrowsAnyAsync<Exception>(() => replay.StartAsync("/", pageWithACircuit, timeout.Token));
        }
        Assert.All(circuits, c => Assert.Null(c.Failure));

        // A closed tab gives its place back.
        await circuits[0].DisposeAsync();
        var reopened = await client.OpenAsync("/");
        Assert.Null(reopened.Failure);
    }

    [Fact]
    public async Task The_eleventh_battle_created_in_a_minute_is_refused_with_a_message()
    {
        const string setup = "/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Long";
        await using var app = new SpaceCombatAppFactory(new Dictionary<string, string?> { ["SpaceCombat:BattlesPerClientPerMinute"] = "10" });
        await using var client = new HostileClient(app.BaseUrl);
        var circuit = await client.OpenAsync(setup);
        for (var i = 0; i < 10; i++)
        {
            await HostileClient.ClickAsync(circuit, "Start Battle");
            await HostileClient.WaitAsync(circuit, t => t.ByClass("sc-hud") is not null, $"battle {i + 1}");
            await circuit.NavigateAsync(setup);
            await HostileClient.WaitAsync(circuit, t => t.EnabledButton("Start Battle") is not null, "the set-up page");
        }

        await HostileClient.ClickAsync(circuit, "Start Battle");

        await HostileClient.WaitAsync(circuit, t => t.TextOf("setup-problem") == ClientLimits.BattlesRefusedMessage, "the refusal");
        Assert.Null(circuit.Failure);
        Assert.Equal(10, await client.MetricAsync("spacecombat_battles_started_total"));
    }

    [Fact]
    public async Task Guessing_battle_codes_is_refused_after_the_limit_and_logged_once_a_minute()
    {
        var logDirectory = Path.Combine(Path.GetTempPath(), "spacecombat-hostile-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var app = new SpaceCombatAppFactory(new Dictionary<string, string?>
            {
                ["SpaceCombat:CodeLookupsPerClientPerMinute"] = "20",
                ["SpaceCombat:LogDirectory"] = logDirectory,
            }))
            {
                await using var client = new HostileClient(app.BaseUrl);
                var circuit = await client.OpenAsync("/");
                for (var guess = 0; guess < 25; guess++)
                {
                    var code = "ZZZZZ" + "23456789ABCDEFGHJKMNPQRSTUVWXYZ"[guess];
                    await circuit.NavigateAsync($"/join/{code}");
                    if (guess < 20)
                    {
                        await HostileClient.WaitAsync(circuit, t => t.TextOf("join-problem")?.Contains(code, StringComparison.Ordinal) == true, $"guess {guess + 1} answered");
                    }
                    else
                    {
                        await HostileClient.WaitAsync(circuit, t => t.TextOf("lookup-refused") == ClientLimits.LookupsRefusedMessage, $"guess {guess + 1} refused");
                        await circuit.NavigateAsync("/");
                        await HostileClient.WaitAsync(circuit, t => t.TextOf("lookup-refused") is null, "the lobby");
                    }
                }
                Assert.Null(circuit.Failure);
            }

            var lines = await File.ReadAllLinesAsync(Assert.Single(Directory.GetFiles(logDirectory, "spacecombat-*.clef")));
            var refusals = lines.Where(line => line.Contains("per-client {Limit} limit", StringComparison.Ordinal) && line.Contains("code look-ups", StringComparison.Ordinal)).ToList();
            output.WriteLine(string.Join('\n', refusals));
            Assert.Single(refusals);
        }
        finally
        {
            if (Directory.Exists(logDirectory))
            {
                Directory.Delete(logDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_double_clicked_End_Turn_against_the_AI_ends_exactly_one_turn()
    {
        // No rate limit in the way: the second click must be refused for its turn, not held or refused by the limiter.
        await using var app = new SpaceCombatAppFactory(new Dictionary<string, string?> { ["SpaceCombat:RateLimitMaxActions"] = "100" });
        await using var client = new HostileClient(app.BaseUrl);
        var circuit = await client.OpenAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Distant");
        await HostileClient.ClickAsync(circuit, "Start Battle");
        await HostileClient.WaitAsync(circuit, t => t.TextOf("turn-indicator")?.Contains("Your turn", StringComparison.Ordinal) == true, "the player's turn");
        var turn = int.Parse(circuit.Query(t => t.ByClass("sc-hud")!.Attr("data-turn"))!, System.Globalization.CultureInfo.InvariantCulture);

        // The second click must reach the server after the AI's answer, as the first click (on the same handler, and
        // saying the turn its button was rendered for): the client holds back its acknowledgement of the batch that
        // replaced End Turn, so the server keeps that handler alive, as it does for a slow connection's late second click.
        var endTurn = circuit.Query(t => ClickEvent.Of(t.EnabledButton("End Turn")!)!.Value);
        var next = (turn + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var current = turn.ToString(System.Globalization.CultureInfo.InvariantCulture);
        circuit.HoldAcknowledgementsFrom(t => t.ByClass("sc-hud")?.Attr("data-turn") != current);
        await circuit.ClickAsync(endTurn);
        await HostileClient.WaitAsync(circuit, t => t.ByClass("sc-hud")?.Attr("data-turn") == next
            && t.TextOf("turn-indicator")?.Contains("Your turn", StringComparison.Ordinal) == true, "the player's next turn, after the AI's answer");
        Assert.Null(circuit.Query(t => t.EnabledButton("End Turn") is { } button && ClickEvent.Of(button) == endTurn ? button : null));

        await circuit.ClickAsync(endTurn);
        await circuit.ReleaseAcknowledgementsAsync();

        // Refused for its turn, or (were the turn not checked) the player's next turn ended by it.
        await HostileClient.WaitAsync(circuit, t => t.CountText("That turn is over.") > 0 || t.ByClass("sc-hud")?.Attr("data-turn") != next, "the stale click answered");
        Assert.Equal(next, circuit.Query(t => t.ByClass("sc-hud")!.Attr("data-turn")));
        Assert.Equal(1, circuit.Query(t => t.CountText("That turn is over.")));
        Assert.True(circuit.Query(t => t.TextOf("turn-indicator")?.Contains("Your turn", StringComparison.Ordinal) == true));
        Assert.Null(circuit.Failure);
    }

    /// <summary>How long after it was last used an idle circuit showed the notice (null: never) and was cut.</summary>
    private sealed record IdleClosing(TimeSpan OpenFor, TimeSpan? NoticeAfter)
    {
        public bool NoticeShown => NoticeAfter is not null;
    }

    /// <summary>Opens idle circuits (20 at a time) and waits until the server has closed every one.</summary>
    private static async Task<List<IdleClosing>> OpenIdleCircuitsAsync(HostileClient client, int count)
    {
        using var gate = new SemaphoreSlim(20);
        var closings = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            BlazorCircuit circuit;
            long interactive;
            await gate.WaitAsync();
            try
            {
                circuit = await client.OpenAsync("/");
                interactive = Stopwatch.GetTimestamp();
            }
            finally
            {
                gate.Release();
            }
            var notice = circuit.WaitForAsync(t => t.ByTestId("idle-notice") is not null, TimeSpan.FromSeconds(60), CancellationToken.None);
            await circuit.Closed.WaitAsync(TimeSpan.FromSeconds(60));
            var openFor = Stopwatch.GetElapsedTime(interactive);
            var noticeAt = notice.IsCompletedSuccessfully && notice.Result is { } at ? Stopwatch.GetElapsedTime(interactive, at) : (TimeSpan?)null;
            return new IdleClosing(openFor, noticeAt);
        }));
        return [.. closings];
    }

    private static async Task<double> WaitForMetricAsync(HostileClient client, string metric, double expected)
    {
        var value = await client.MetricAsync(metric);
        for (var i = 0; i < 50 && value != expected; i++)
        {
            await Task.Delay(100);
            value = await client.MetricAsync(metric);
        }
        return value;
    }

    private static long ManagedHeapAfterFullGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
