using System.Net;
using System.Net.WebSockets;
using System.Text;
using SpaceCombat.CircuitClient;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Abuse of the Blazor hub's protocol over a real WebSocket (unreadable messages after a valid handshake) is logged,
/// and a client repeating it gets one warning a minute, not one per connection.
/// </summary>
public sealed class HubAbuseLogTests : IDisposable
{
    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "spacecombat-e2e", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_logDirectory))
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
    }

    /// <summary>Opens a hub connection, completes the handshake, sends bytes that are no MessagePack message; returns once the server closed it.</summary>
    internal static async Task SendUnreadableMessageAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, cancellationToken);
        using var json = System.Text.Json.JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync(cancellationToken));
        var token = json.RootElement.GetProperty("connectionToken").GetString()!;

        using var socket = new ClientWebSocket();
        var uri = new UriBuilder(baseUrl) { Scheme = "ws", Path = "/_blazor", Query = "id=" + Uri.EscapeDataString(token) }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, cancellationToken);
        var buffer = new byte[4096];
        await socket.ReceiveAsync(buffer, cancellationToken);

        // A length prefix of 4, then bytes MessagePack never uses (0xC1).
        await socket.SendAsync(new byte[] { 0x04, 0xC1, 0xC1, 0xC1, 0xC1 }, WebSocketMessageType.Binary, true, cancellationToken);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (WebSocketException)
        {
            // The server may drop the connection without a close handshake.
        }
    }

    [Fact]
    public async Task Unreadable_hub_messages_are_logged_once_per_client_per_minute()
    {
        await using (var app = BrowserFixture.StartApp(new Dictionary<string, string?> { ["SpaceCombat:LogDirectory"] = _logDirectory }))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            for (var i = 0; i < 10; i++)
            {
                await SendUnreadableMessageAsync(app.BaseUrl, timeout.Token);
            }
        }

        var lines = Directory.GetFiles(_logDirectory, "spacecombat-*.clef").SelectMany(File.ReadAllLines).ToList();
        var abuse = lines.Where(line => line.Contains("Hub protocol abuse from", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(abuse);
        Assert.Contains("\"ClientAddress\":\"127.0.0.1\"", line);
        Assert.Contains("unreadable message", line);
        // Whatever the framework itself logged about these connections at Warning or above is sampled too.
        var clientProblems = lines.Where(l => l.Contains("\"ClientAddress\":\"127.0.0.1\"", StringComparison.Ordinal)
            && (l.Contains("\"@l\":\"Warning\"", StringComparison.Ordinal) || l.Contains("\"@l\":\"Error\"", StringComparison.Ordinal)));
        Assert.All(clientProblems.GroupBy(Template), group => Assert.Single(group));
    }

    [Fact]
    public async Task Unknown_hub_methods_unbindable_arguments_and_events_for_handlers_no_render_made_are_logged_once_per_client_per_minute()
    {
        // Each kind of abuse from a client of its own (a loopback address), five times: one warning each.
        var abuses = new (IPAddress Client, Func<BlazorCircuit, Task> Abuse, string Problem)[]
        {
            (IPAddress.Parse("127.3.0.1"), c => c.SendRawAsync("NoSuchHubMethod", "x"), "invoking NoSuchHubMethod failed"),
            (IPAddress.Parse("127.3.0.2"), c => c.SendRawAsync("OnLocationChanged", 42), "invoking OnLocationChanged failed"),
            (IPAddress.Parse("127.3.0.3"), c => c.SendRawAsync("BeginInvokeDotNetFromJS", "1", null, "DispatchEventAsync", c.RendererObjectId,
                $"[{{\"eventHandlerId\":1000000000000,\"eventName\":\"click\",\"eventFieldInfo\":null}},{BlazorCircuit.ClickArgs}]"), "a call from the page into .NET failed"),
        };
        await using (var app = BrowserFixture.StartApp(new Dictionary<string, string?> { ["SpaceCombat:LogDirectory"] = _logDirectory }))
        {
            foreach (var (client, abuse, _) in abuses)
            {
                using var connection = PlayerConnection.From(client);
                await using var circuit = new BlazorCircuit(connection, app.BaseUrl, []);
                using var timeout = new CancellationTokenSource(HostileClient.Patience);
                await circuit.StartAsync("/", timeout.Token);
                await HostileClient.WaitAsync(circuit, t => t.IsInteractive(), "the home page");
                for (var i = 0; i < 5; i++)
                {
                    await abuse(circuit);
                }
                // The hub handles a connection's messages in order: once this navigation has rendered, the abuse was seen.
                await circuit.NavigateAsync("/new?opponent=ai");
                await HostileClient.WaitAsync(circuit, t => t.EnabledButton("Start Battle") is not null, "the set-up page");
            }
        }

        var lines = Directory.GetFiles(_logDirectory, "spacecombat-*.clef").SelectMany(File.ReadAllLines).ToList();
        foreach (var (client, _, problem) in abuses)
        {
            var line = Assert.Single(lines, l => l.Contains($"\"ClientAddress\":\"{client}\"", StringComparison.Ordinal) && l.Contains("Hub protocol abuse from", StringComparison.Ordinal));
            Assert.Contains(problem, line, StringComparison.Ordinal);
        }
    }

    private static string Template(string clefLine) =>
        System.Text.Json.JsonDocument.Parse(clefLine).RootElement.TryGetProperty("@mt", out var template) ? template.GetString() ?? "" : "";
}
