using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace SpaceCombat.CircuitClient;

/// <summary>
/// One simulated player's way to the server: the HTTP client of its page loads and the WebSocket of its circuit.
/// With a source address, both go through one handler of the player's own whose sockets are bound to that address
/// before they connect, as a browser loads the page and opens the WebSocket from the same address.
/// </summary>
public sealed class PlayerConnection : IDisposable
{
    private readonly SocketsHttpHandler? _ownHandler;
    private readonly HttpMessageInvoker? _webSocketInvoker;

    private PlayerConnection(HttpClient http, IPAddress? sourceAddress, SocketsHttpHandler? ownHandler)
    {
        Http = http;
        SourceAddress = sourceAddress;
        _ownHandler = ownHandler;
        _webSocketInvoker = ownHandler is null ? null : new HttpMessageInvoker(ownHandler, disposeHandler: false);
    }

    public HttpClient Http { get; }

    /// <summary>The address the player connects from; null when it shares the generator's client.</summary>
    public IPAddress? SourceAddress { get; }

    /// <summary>The generator's shared client and SignalR's own WebSocket: the server sees every such player as one client.</summary>
    public static PlayerConnection Shared(HttpClient http) => new(http, null, null);

    /// <summary>
    /// Headers the circuit's WebSocket request carries besides SignalR's own (a page's GET carries its HttpClient's
    /// default headers).
    /// </summary>
    public IDictionary<string, string> HubHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A player of its own, connecting from <paramref name="sourceAddress"/>.</summary>
    public static PlayerConnection From(IPAddress sourceAddress)
    {
        var handler = CreateHandler(sourceAddress);
        return new PlayerConnection(CreateClient(handler), sourceAddress, handler);
    }

    /// <summary>The handler of page loads; with a source address, every socket it opens is bound to it.</summary>
    public static SocketsHttpHandler CreateHandler(IPAddress? sourceAddress) => new()
    {
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectCallback = sourceAddress is null ? null : (context, cancellationToken) => ConnectFromAsync(sourceAddress, context.DnsEndPoint, cancellationToken),
    };

    public static HttpClient CreateClient(SocketsHttpHandler handler) => new(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Makes the circuit's SignalR connection open its WebSocket through this player's handler (from its address).</summary>
    public void ConfigureTransport(HttpConnectionOptions options)
    {
        foreach (var (name, value) in HubHeaders)
        {
            options.Headers[name] = value;
        }
        if (_webSocketInvoker is not null)
        {
            options.WebSocketFactory = OpenWebSocketAsync;
        }
    }

    private async ValueTask<WebSocket> OpenWebSocketAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        var webSocket = new ClientWebSocket();
        try
        {
            await webSocket.ConnectAsync(WebSocketUri(context.Uri), _webSocketInvoker, cancellationToken);
            return webSocket;
        }
        catch
        {
            webSocket.Dispose();
            throw;
        }
    }

    private static Uri WebSocketUri(Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return uri;
        }
        return new UriBuilder(uri) { Scheme = uri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress sourceAddress, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(sourceAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(sourceAddress, 0));
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Frees the player's own handler and its pooled connections; a shared client is left to its owner.</summary>
    public void Dispose()
    {
        if (_ownHandler is null)
        {
            return;
        }
        Http.Dispose();
        _webSocketInvoker!.Dispose();
        _ownHandler.Dispose();
    }
}
