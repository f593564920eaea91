using System.Globalization;
using SpaceCombat.CircuitClient;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// The load test's headless Blazor circuit, used as a hostile client: opens pages, clicks what it likes, and follows
/// in-app links, against one app on loopback.
/// </summary>
internal sealed class HostileClient(Uri baseUri) : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<BlazorCircuit> _circuits = [];

    public HttpClient Http => _http;

    /// <summary>Opens a page in a new circuit (with a localStorage of its own) and waits until it is interactive.</summary>
    public async Task<BlazorCircuit> OpenAsync(string pathAndQuery, Dictionary<string, string>? localStorage = null)
    {
        var circuit = new BlazorCircuit(SpaceCombat.CircuitClient.PlayerConnection.Shared(_http), baseUri, localStorage ?? []);
        lock (_circuits)
        {
            _circuits.Add(circuit);
        }
        using var timeout = new CancellationTokenSource(Patience);
        await circuit.StartAsync(pathAndQuery, timeout.Token);
        Assert.NotNull(await circuit.WaitForAsync(t => t.IsInteractive(), Patience, CancellationToken.None));
        return circuit;
    }

    /// <summary>Waits for the predicate on the circuit's page; fails the test on timeout.</summary>
    public static async Task WaitAsync(BlazorCircuit circuit, Func<RenderTree, bool> predicate, string what)
    {
        var at = await circuit.WaitForAsync(predicate, Patience, CancellationToken.None);
        Assert.True(at is not null, $"Timed out waiting for {what}.");
    }

    /// <summary>Clicks the enabled button with this name.</summary>
    public static async Task ClickAsync(BlazorCircuit circuit, string name)
    {
        await WaitAsync(circuit, t => t.EnabledButton(name) is not null, $"an enabled '{name}' button");
        var id = circuit.Query(t => t.EnabledButton(name) is { } button ? ClickEvent.Of(button) : null);
        Assert.NotNull(id);
        await circuit.ClickAsync(id.Value);
    }

    /// <summary>The sum of a Prometheus metric's samples on the app's /metrics (0 when it has none).</summary>
    public async Task<double> MetricAsync(string name)
    {
        var text = await _http.GetStringAsync(new Uri(baseUri, "metrics"));
        var total = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                var value = line[(line.LastIndexOf(' ') + 1)..];
                total += double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        BlazorCircuit[] circuits;
        lock (_circuits)
        {
            circuits = [.. _circuits];
            _circuits.Clear();
        }
        await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
        _http.Dispose();
    }

    /// <summary>Disposes the circuits opened so far (they leave as a closed tab does).</summary>
    public async Task CloseAllAsync()
    {
        BlazorCircuit[] circuits;
        lock (_circuits)
        {
            circuits = [.. _circuits];
            _circuits.Clear();
        }
        await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
    }
}
