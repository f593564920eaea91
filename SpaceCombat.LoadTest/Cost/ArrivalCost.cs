using System.Globalization;
using SpaceCombat.CircuitClient;
using SpaceCombat.LoadTest.Server;

namespace SpaceCombat.LoadTest.Cost;

/// <summary>
/// What one arrival costs the server: <c>dotnet run -c Release --project SpaceCombat.LoadTest -- arrival-cost
/// [--circuits N] [--server-dll PATH] [--dump DIR]</c>. Starts the server (shipped settings), then for each kind of arrival opens N
/// circuits one after another (page GET, circuit start, first interactive render) and keeps them open: the server's
/// bytes allocated per arrival come from /metrics, the bytes each open circuit keeps from its heap after a full
/// collection before and after. Runs of one kind are preceded by a few unmeasured ones (JIT, caches). Also reports the
/// components each circuit holds and the JS interop calls it was sent; --dump writes each kind's first circuits' DOM
/// as HTML, to compare two builds' pages.
/// </summary>
internal static class ArrivalCost
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);
    private const int WarmUp = 5;

    /// <param name="PrepareAsync">Sets up what one arrival needs (not measured: it is open before the first reading).</param>
    /// <param name="OpenAsync">The arrival measured: the circuits it opens.</param>
    private sealed record Arrival(string Key, string Name, Func<ArrivalRun, Task<BlazorCircuit?>> PrepareAsync, Func<ArrivalRun, BlazorCircuit?, Task<List<BlazorCircuit>>> OpenAsync);

    private static readonly Arrival[] Arrivals =
    [
        new("home", "home page", _ => Task.FromResult<BlazorCircuit?>(null), (run, _) => run.OpenPageAsync("")),
        new("new", "new battle page", _ => Task.FromResult<BlazorCircuit?>(null), (run, _) => run.OpenPageAsync("new?opponent=person")),
        new("waiting", "new battle page → Start Battle → battle page waiting", _ => Task.FromResult<BlazorCircuit?>(null), async (run, _) => [await run.OpenWaitingBattleAsync()]),
        new("join", "join page of a waiting battle", async run => await run.OpenWaitingBattleAsync(), (run, creator) => run.OpenJoinPageAsync(creator!)),
        new("pair", "battle pair: set-up page → waiting HUD, join page → both HUDs in play", _ => Task.FromResult<BlazorCircuit?>(null), (run, _) => run.OpenBattlePairAsync()),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter log)
    {
        var circuits = 40;
        string? dll = null;
        string? dump = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--circuits" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1000:
                    circuits = n;
                    i++;
                    break;
                case "--server-dll" when i + 1 < args.Length:
                    dll = args[++i];
                    break;
                case "--dump" when i + 1 < args.Length:
                    dump = Directory.CreateDirectory(args[++i]).FullName;
                    break;
                default:
                    log.WriteLine($"arrival-cost: unknown or invalid argument '{args[i]}' (use --circuits 1-1000, --server-dll PATH, --dump DIR).");
                    return 2;
            }
        }

        await using var server = await ServerProcess.StartAsync(dll, [], log);
        using var heap = new ServerHeap(server.BaseUri, server.ProcessId);
        var run = new ArrivalRun(server.BaseUri);
        log.WriteLine($"Server {server.BaseUri} (pid {server.ProcessId}); {circuits} circuits per kind of arrival, opened one at a time and kept open.");
        log.WriteLine("| Arrival | Allocated per circuit (KB) | Kept per open circuit (KB) | Components per circuit | JS interop calls per circuit |");
        log.WriteLine("|---|---:|---:|---|---|");
        foreach (var arrival in Arrivals)
        {
            for (var i = 0; i < WarmUp; i++)
            {
                await arrival.OpenAsync(run, await arrival.PrepareAsync(run));
                await run.CloseAllAsync();
            }
            var prepared = new List<BlazorCircuit?>();
            for (var i = 0; i < circuits; i++)
            {
                prepared.Add(await arrival.PrepareAsync(run));
            }
            var before = await heap.CollectAndReadAsync();
            var opened = 0;
            List<BlazorCircuit>? first = null;
            var callsBefore = new Dictionary<string, int>(BlazorCircuit.InteropCalls);
            var allocatedBefore = (await heap.ReadFreshAsync()).AllocatedBytes;
            for (var i = 0; opened < circuits; i++)
            {
                var circuitsOpened = await arrival.OpenAsync(run, prepared[i]);
                first ??= circuitsOpened;
                opened += circuitsOpened.Count;
            }
            var allocatedAfter = (await heap.ReadFreshAsync()).AllocatedBytes;
            if (allocatedAfter <= allocatedBefore)
            {
                throw new InvalidOperationException($"arrival-cost: /metrics reported no allocation across {arrival.Name} (a stale scrape?).");
            }
            var after = await heap.CollectAndReadAsync();
            var calls = string.Join(", ", BlazorCircuit.InteropCalls
                .Select(c => (c.Key, Count: c.Value - callsBefore.GetValueOrDefault(c.Key)))
                .Where(c => c.Count > 0)
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => $"{c.Key} {(double)c.Count / opened:0.##}"));
            first ??= [];
            var components = string.Join(" + ", first.Select(c => c.Query(t => t.Components())));
            log.WriteLine($"| {arrival.Name} | {(allocatedAfter - allocatedBefore) / opened / 1024:0.0} | {(after.LiveBytes - before.LiveBytes) / opened / 1024:0.0} | {components} | {calls} |");
            if (dump is not null)
            {
                for (var i = 0; i < first.Count; i++)
                {
                    await File.WriteAllTextAsync(Path.Combine(dump, $"{arrival.Key}-{i + 1}.html"), first[i].Query(t => t.Html()));
                }
            }
            await run.CloseAllAsync();
        }
        return 0;
    }

    /// <summary>Opens the pages, each from a loopback address of its own (the per-client limits are per address).</summary>
    private sealed class ArrivalRun(Uri baseUri)
    {
        private readonly List<(BlazorCircuit Circuit, PlayerConnection Player)> _open = [];
        private long _players;

        public async Task<List<BlazorCircuit>> OpenPageAsync(string pathAndQuery) => [await OpenAsync(pathAndQuery)];

        public async Task<List<BlazorCircuit>> OpenJoinPageAsync(BlazorCircuit creator)
        {
            var code = creator.Query(t => t.TextOf("battle-code"))!;
            var joiner = await OpenAsync($"join/{code}");
            await WaitAsync(joiner, t => t.EnabledButton("Join Battle") is not null, "join page's button");
            return [joiner];
        }

        public async Task<List<BlazorCircuit>> OpenBattlePairAsync()
        {
            var creator = await OpenWaitingBattleAsync();
            var code = creator.Query(t => t.TextOf("battle-code"))!;
            var joiner = await OpenAsync($"join/{code}");
            await ClickAsync(joiner, "Join Battle", t => t.ByTestId("round") is not null);
            await WaitAsync(creator, t => t.ByTestId("round") is not null, "creator's HUD in play");
            return [creator, joiner];
        }

        public async Task<BlazorCircuit> OpenWaitingBattleAsync()
        {
            var creator = await OpenAsync("new?opponent=person");
            await ClickAsync(creator, "Start Battle", t => t.ByTestId("battle-code") is not null);
            return creator;
        }

        /// <summary>Closes every circuit this run opened (as a browser leaving does) and their connections.</summary>
        public async Task CloseAllAsync()
        {
            foreach (var (circuit, player) in _open)
            {
                await circuit.DisposeAsync();
                player.Dispose();
            }
            _open.Clear();
        }

        private async Task<BlazorCircuit> OpenAsync(string pathAndQuery)
        {
            var player = PlayerConnection.From(LoopbackSourceAddresses.For(Interlocked.Increment(ref _players)));
            var circuit = new BlazorCircuit(player, baseUri, []);
            _open.Add((circuit, player));
            using var timeout = new CancellationTokenSource(StepTimeout);
            await circuit.StartAsync(pathAndQuery, timeout.Token);
            await WaitAsync(circuit, t => t.IsInteractive(), $"interactive {pathAndQuery}");
            if (circuit.Query(Scenario.ArrivalRefusal.Shown))
            {
                throw new InvalidOperationException($"arrival-cost: {Scenario.ArrivalRefusal.Reason} opening /{pathAndQuery} (the server's ArrivalQueueLimit).");
            }
            return circuit;
        }

        private static async Task ClickAsync(BlazorCircuit circuit, string button, Func<RenderTree, bool> effect)
        {
            await WaitAsync(circuit, t => t.EnabledButton(button) is not null, $"button {button}");
            var id = circuit.Query(t => ClickEvent.Of(t.EnabledButton(button)!))!.Value;
            await circuit.ClickAsync(id);
            await WaitAsync(circuit, effect, $"effect of {button}");
        }

        private static async Task WaitAsync(BlazorCircuit circuit, Func<RenderTree, bool> condition, string what)
        {
            if (await circuit.WaitForAsync(condition, StepTimeout, CancellationToken.None) is null)
            {
                throw new TimeoutException($"arrival-cost: no {what} within {StepTimeout.TotalSeconds:0} s.");
            }
        }
    }
}
