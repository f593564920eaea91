using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// The Blazor hub on the real Kestrel server refuses a page of another site (negotiate POST and WebSocket upgrade
/// with a foreign <c>Origin</c>) and accepts the app's own origin.
/// </summary>
public sealed class HubOriginTests : IAsyncLifetime
{
    private const string Evil = "http://evil.example";
    private SpaceCombatAppFactory app = null!;

    public Task InitializeAsync()
    {
        app = BrowserFixture.StartApp(new Dictionary<string, string?>());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private string OwnOrigin => app.BaseUrl.GetLeftPart(UriPartial.Authority);

    private async Task<HttpResponseMessage> NegotiateAsync(string? origin)
    {
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return await client.SendAsync(request);
    }

    private Uri WebSocketUri(string? connectionToken = null)
    {
        var builder = new UriBuilder(app.BaseUrl) { Scheme = "ws", Path = "/_blazor" };
        if (connectionToken is not null)
        {
            builder.Query = "id=" + Uri.EscapeDataString(connectionToken);
        }
        return builder.Uri;
    }

    [Fact]
    public async Task Negotiate_with_a_foreign_origin_is_refused_and_the_apps_own_origin_is_accepted()
    {
        using var refused = await NegotiateAsync(Evil);
        using var accepted = await NegotiateAsync(OwnOrigin);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("connectionToken", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("connectionToken", await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_websocket_upgrade_with_a_foreign_origin_is_refused()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", Evil);
        socket.Options.CollectHttpResponseDetails = true;

        var failure = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketUri(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        Assert.NotEqual(WebSocketState.Open, socket.State);
        Assert.NotNull(failure);
    }

    [Fact]
    public async Task A_websocket_with_the_apps_own_origin_connects_and_completes_the_signalr_handshake()
    {
        using var negotiate = await NegotiateAsync(OwnOrigin);
        var json = System.Text.Json.JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("connectionToken").GetString()!;

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", OwnOrigin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(WebSocketUri(token), timeout.Token);
        Assert.Equal(WebSocketState.Open, socket.State);

        // SignalR's handshake (JSON whatever the protocol; Blazor's hub speaks only "blazorpack"); the server answers
        // "{}" followed by the record separator.
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.StartsWith("{}", Encoding.UTF8.GetString(buffer, 0, received.Count));

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }
}
