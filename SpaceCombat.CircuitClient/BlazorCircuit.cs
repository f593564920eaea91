using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace SpaceCombat.CircuitClient;

/// <summary>
/// One headless Blazor Server circuit over the .NET SignalR client and the blazorpack protocol
/// (../shared/BLAZOR-PROTOCOL.md): starts the circuit from a prerendered page's markers, keeps a logical DOM,
/// acknowledges every render batch, answers JS interop (with an in-memory localStorage), follows
/// NavigationManager.NavigateTo inside the circuit and dispatches click/change events.
/// </summary>
public sealed class BlazorCircuit : IAsyncDisposable
{
    private readonly PlayerConnection _player;
    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly Dictionary<string, string> _localStorage;
    private readonly Lock _gate = new();
    private readonly RenderTree _tree = new();
    private readonly List<Waiter> _waiters = [];
    private readonly TaskCompletionSource _rootsReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? _connection;
    private string? _secret;
    private long _rendererObjectId = -1;
    private long _lastBatchId = 1;
    private long _callId;
    private long _nextJsObjectId = 1;
    private bool _holdAcknowledgements;
    private Func<RenderTree, bool>? _holdFrom;
    private long _heldAcknowledgement;

    public BlazorCircuit(PlayerConnection player, Uri baseUri, Dictionary<string, string> localStorage)
    {
        _player = player;
        _http = player.Http;
        _baseUri = baseUri;
        _localStorage = localStorage;
    }

    /// <summary>The circuit's current location (follows in-circuit navigation).</summary>
    public Uri CurrentUri { get; private set; } = new("about:blank");

    /// <summary>Set when the circuit failed (JS.Error, connection closed, a batch that could not be applied).</summary>
    public string? Failure { get; private set; }

    /// <summary>Completes when the connection closes: the server cut it, it failed, or this side stopped it.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Follows an in-app link as the browser's router does (OnLocationChanged on the circuit).</summary>
    public async Task NavigateAsync(string pathAndQuery)
    {
        var target = new Uri(_baseUri, pathAndQuery);
        CurrentUri = target;
        await _connection!.SendAsync("OnLocationChanged", target.ToString(), null, false);
    }

    /// <summary>Errors logged by SignalR client internals (e.g. handler arity mismatches), for diagnostics.</summary>
    public static ConcurrentQueue<string> ClientErrors { get; } = new();

    /// <summary>GETs the page, opens the hub, starts the circuit and its root components; returns when they are attached.</summary>
    public async Task StartAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        await StartAsync(pathAndQuery, await _http.GetStringAsync(new Uri(_baseUri, pathAndQuery), cancellationToken), cancellationToken);

    /// <summary>Starts the circuit from a page's markup fetched earlier (as a client replaying a page would).</summary>
    public async Task StartAsync(string pathAndQuery, string html, CancellationToken cancellationToken)
    {
        var pageUri = new Uri(_baseUri, pathAndQuery);
        CurrentUri = pageUri;
        var markers = PageMarkers.Parse(html);

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(_baseUri, "_blazor"), options => ConfigureConnection(options, _player))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error).AddProvider(ErrorCollector.Instance));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHubProtocol, BlazorPackHubProtocol>());
        var connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        _connection = connection;
        Register(connection);
        connection.Closed += error =>
        {
            Fail(error is null ? "connection closed" : $"connection closed: {error.Message}");
            _closed.TrySetResult();
            return Task.CompletedTask;
        };

        await connection.StartAsync(cancellationToken);
        var baseText = _baseUri.ToString();
        _secret = await connection.InvokeAsync<string?>("StartCircuit", baseText, pageUri.ToString(), "[]", markers.ApplicationState, cancellationToken);
        if (_secret is null)
        {
            throw new InvalidOperationException("StartCircuit returned null.");
        }
        await connection.SendAsync("UpdateRootComponents", markers.AddOperationsJson(1), markers.ApplicationState, cancellationToken);
        await _rootsReady.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The circuit's SignalR connection: WebSockets straight away (as blazor.web.js does), from the player's address.</summary>
    public static void ConfigureConnection(HttpConnectionOptions options, PlayerConnection player)
    {
        options.Transports = HttpTransportType.WebSockets;
        options.SkipNegotiation = true;
        player.ConfigureTransport(options);
    }

    private void Register(HubConnection connection)
    {
        connection.On<int, string>("JS.AttachComponent", (componentId, _) =>
        {
            lock (_gate)
            {
                _tree.AttachRoot(componentId);
            }
        });
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        connection.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        connection.On<long>("JS.EndUpdateRootComponents", _ => _rootsReady.TrySetResult());
        connection.On<string>("JS.Error", message => Fail($"JS.Error: {message}"));
        connection.On<int, byte[]>("JS.ReceiveByteArray", (_, _) => { });
        connection.On<long>("JS.BeginTransmitStream", _ => { });
        connection.On<int, bool>("JS.EndLocationChanging", (_, _) => { });
    }

    private static long _totalBatches;
    private static long _totalBatchBytes;

    /// <summary>Render batches and bytes received by all circuits of this process (to size the server's renders).</summary>
    public static (long Batches, long Bytes) BatchTotals => (Interlocked.Read(ref _totalBatches), Interlocked.Read(ref _totalBatchBytes));

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        Interlocked.Increment(ref _totalBatches);
        Interlocked.Add(ref _totalBatchBytes, data.Length);
        var received = Stopwatch.GetTimestamp();
        string? error = null;
        lock (_gate)
        {
            if (batchId > _lastBatchId)
            {
                try
                {
                    _tree.Apply(data);
                    _lastBatchId = batchId;
                }
                catch (Exception exception)
                {
                    error = $"batch {batchId} could not be applied: {exception.GetType().Name}: {exception.Message}";
                }
                if (error is null)
                {
                    CheckWaiters(received);
                    if (_holdFrom is { } holdFrom && holdFrom(_tree))
                    {
                        _holdFrom = null;
                        _holdAcknowledgements = true;
                    }
                }
            }
        }
        if (error is not null)
        {
            Fail(error);
            return;
        }
        lock (_gate)
        {
            if (_holdAcknowledgements)
            {
                _heldAcknowledgement = Math.Max(_heldAcknowledgement, batchId);
                return;
            }
        }
        // Acknowledge every batch, including duplicates (resent after a reconnect).
        await ReplyAsync("OnRenderCompleted", batchId, null);
    }

    /// <summary>
    /// Applies render batches without acknowledging them, as a slow or hostile client may, from the first batch after
    /// which <paramref name="condition"/> holds (that one included): the server keeps the event handlers those batches
    /// removed alive until they are acknowledged.
    /// </summary>
    public void HoldAcknowledgementsFrom(Func<RenderTree, bool> condition)
    {
        lock (_gate)
        {
            _holdFrom = condition;
        }
    }

    /// <summary>Acknowledges every batch held back (one cumulative acknowledgement) and stops holding them.</summary>
    public async Task ReleaseAcknowledgementsAsync()
    {
        long held;
        lock (_gate)
        {
            _holdAcknowledgements = false;
            _holdFrom = null;
            held = _heldAcknowledgement;
            _heldAcknowledgement = 0;
        }
        if (held > 0)
        {
            await ReplyAsync("OnRenderCompleted", held, null);
        }
    }

    /// <summary>Sends any hub message as it is (no reply awaited): for clients that misbehave on purpose.</summary>
    public Task SendRawAsync(string method, params object?[] args) =>
        _connection is { } connection ? connection.SendCoreAsync(method, args) : Task.CompletedTask;

    /// <summary>The renderer's interop object id (the target of event dispatches); -1 until the circuit has told it.</summary>
    public long RendererObjectId => Interlocked.Read(ref _rendererObjectId);

    /// <summary>
    /// Sends a reply (an acknowledgement, an interop result) unless the player has left: a batch or an interop call
    /// can still arrive while the circuit is being disposed, and its reply then has no connection to go to.
    /// </summary>
    private async Task ReplyAsync(string method, params object?[] args)
    {
        if (_connection is not { } connection)
        {
            return;
        }
        try
        {
            await connection.SendCoreAsync(method, args);
        }
        catch (Exception) when (_connection is null)
        {
            // The player left while the reply was being sent.
        }
    }

    /// <summary>JS interop calls the server made to all circuits of this process, by function (to see what a page asks of the browser).</summary>
    public static ConcurrentDictionary<string, int> InteropCalls { get; } = new(StringComparer.Ordinal);

    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        InteropCalls.AddOrUpdate(identifier, 1, static (_, count) => count + 1);
        string result;
        try
        {
            result = await InvokeJSAsync(identifier, argsJson, resultType);
        }
        catch (Exception exception)
        {
            if (asyncHandle != 0)
            {
                await ReplyAsync("EndInvokeJSFromDotNet", asyncHandle, false, $"[{asyncHandle},false,{JsonSerializer.Serialize(exception.Message)}]");
            }
            return;
        }
        if (asyncHandle != 0)
        {
            await ReplyAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,{result}]");
        }
    }

    /// <summary>The browser's answer (as JSON) to one interop call.</summary>
    private async Task<string> InvokeJSAsync(string identifier, string argsJson, int resultType)
    {
        switch (identifier)
        {
            case "Blazor._internal.attachWebRendererInterop":
                {
                    using var args = JsonDocument.Parse(argsJson);
                    Interlocked.Exchange(ref _rendererObjectId, args.RootElement[1].GetProperty("__dotNetObject").GetInt64());
                    return "null";
                }
            case "localStorage.getItem":
                {
                    using var args = JsonDocument.Parse(argsJson);
                    var key = args.RootElement[0].GetString() ?? "";
                    lock (_localStorage)
                    {
                        return _localStorage.TryGetValue(key, out var value) ? JsonSerializer.Serialize(value) : "null";
                    }
                }
            case "localStorage.setItem":
                {
                    using var args = JsonDocument.Parse(argsJson);
                    var key = args.RootElement[0].GetString() ?? "";
                    var value = args.RootElement[1].ValueKind == JsonValueKind.String ? args.RootElement[1].GetString()! : args.RootElement[1].GetRawText();
                    lock (_localStorage)
                    {
                        _localStorage[key] = value;
                    }
                    return "null";
                }
            case "localStorage.removeItem":
                {
                    using var args = JsonDocument.Parse(argsJson);
                    lock (_localStorage)
                    {
                        _localStorage.Remove(args.RootElement[0].GetString() ?? "");
                    }
                    return "null";
                }
            case "window.hasOwnProperty":
                return "true";
            case "mudpopoverHelper.countProviders":
                return "0";
            case "Blazor._internal.navigationManager.navigateTo":
                {
                    using var args = JsonDocument.Parse(argsJson);
                    var target = new Uri(CurrentUri, args.RootElement[0].GetString() ?? "");
                    string? state = null;
                    var forceLoad = false;
                    if (args.RootElement.GetArrayLength() > 1 && args.RootElement[1].ValueKind == JsonValueKind.Object)
                    {
                        var options = args.RootElement[1];
                        if (options.TryGetProperty("historyEntryState", out var s) && s.ValueKind == JsonValueKind.String) state = s.GetString();
                        if (options.TryGetProperty("forceLoad", out var f) && f.ValueKind == JsonValueKind.True) forceLoad = true;
                    }
                    if (forceLoad)
                    {
                        throw new NotSupportedException("A forced page load is not supported by the headless client.");
                    }
                    CurrentUri = target;
                    await _connection!.SendAsync("OnLocationChanged", target.ToString(), state, false);
                    return "null";
                }
            case "spaceCombat.copy":
                return "false";
            default:
                return resultType switch
                {
                    1 => $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObjectId)}}}",
                    _ => "null",
                };
        }
    }

    /// <summary>Runs <paramref name="query"/> on the DOM under the circuit's lock.</summary>
    public T Query<T>(Func<RenderTree, T> query)
    {
        lock (_gate)
        {
            return query(_tree);
        }
    }

    /// <summary>
    /// Waits until <paramref name="predicate"/> holds after a render batch (or already holds). Returns the timestamp
    /// (Stopwatch) of the batch that made it true, or null on timeout; throws when the circuit failed.
    /// </summary>
    public async Task<long?> WaitForAsync(Func<RenderTree, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (Failure is not null)
            {
                throw new CircuitFailedException(Failure);
            }
            if (predicate(_tree))
            {
                return Stopwatch.GetTimestamp();
            }
            waiter = new Waiter(predicate);
            _waiters.Add(waiter);
        }
        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    private void CheckWaiters(long timestamp)
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            var waiter = _waiters[i];
            bool satisfied;
            try
            {
                satisfied = waiter.Predicate(_tree);
            }
            catch (Exception exception)
            {
                waiter.Completion.TrySetException(exception);
                _waiters.RemoveAt(i);
                continue;
            }
            if (satisfied)
            {
                waiter.Completion.TrySetResult(timestamp);
                _waiters.RemoveAt(i);
            }
        }
    }

    private void Fail(string reason)
    {
        lock (_gate)
        {
            Failure ??= reason;
            foreach (var waiter in _waiters)
            {
                waiter.Completion.TrySetException(new CircuitFailedException(Failure));
            }
            _waiters.Clear();
        }
        _rootsReady.TrySetException(new CircuitFailedException(reason));
    }

    /// <summary>Dispatches a DOM event to a Blazor handler id; returns the Stopwatch timestamp taken just before sending.</summary>
    public async Task<long> DispatchAsync(ulong eventHandlerId, string eventName, string eventArgsJson, string? fieldInfoJson = null)
    {
        var rendererId = Interlocked.Read(ref _rendererObjectId);
        if (rendererId < 0)
        {
            throw new InvalidOperationException("The renderer's interop object is not known yet.");
        }
        var callId = Interlocked.Increment(ref _callId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var descriptor = $"{{\"eventHandlerId\":{eventHandlerId},\"eventName\":\"{eventName}\",\"eventFieldInfo\":{fieldInfoJson ?? "null"}}}";
        var started = Stopwatch.GetTimestamp();
        await _connection!.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", rendererId, $"[{descriptor},{eventArgsJson}]");
        return started;
    }

    /// <summary>
    /// Follows a link as blazor.web.js does when it intercepts a click on one: the circuit's router renders the new page.
    /// Returns the Stopwatch timestamp taken just before sending.
    /// </summary>
    public async Task<long> FollowLinkAsync(string href)
    {
        var target = new Uri(CurrentUri, href);
        CurrentUri = target;
        var started = Stopwatch.GetTimestamp();
        await _connection!.SendAsync("OnLocationChanged", target.ToString(), null, true);
        return started;
    }

    public const string ClickArgs = "{\"detail\":1,\"screenX\":0,\"screenY\":0,\"clientX\":0,\"clientY\":0,\"offsetX\":0,\"offsetY\":0,\"pageX\":0,\"pageY\":0,\"movementX\":0,\"movementY\":0,\"button\":0,\"buttons\":0,\"ctrlKey\":false,\"shiftKey\":false,\"altKey\":false,\"metaKey\":false,\"type\":\"click\"}";

    public Task<long> ClickAsync(ulong eventHandlerId) => DispatchAsync(eventHandlerId, "click", ClickArgs);

    /// <summary>Sends a click as the browser would for that element (see <see cref="ClickEvent"/>).</summary>
    public Task<long> ClickAsync(ClickEvent click) => DispatchAsync(click.HandlerId, click.Name, click.ArgsJson);

    public Task<long> ChangeAsync(ulong eventHandlerId, string value) =>
        DispatchAsync(eventHandlerId, "change", $"{{\"value\":{JsonSerializer.Serialize(value)}}}");

    public async ValueTask DisposeAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null)
        {
            return;
        }
        try
        {
            await connection.StopAsync();
        }
        catch (Exception)
        {
            // Leaving anyway.
        }
        await connection.DisposeAsync();
        if (_secret is not null)
        {
            try
            {
                using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("circuitId", _secret)]);
                using var response = await _http.PostAsync(new Uri(_baseUri, "_blazor/disconnect"), form);
            }
            catch (Exception)
            {
                // The server disposes the circuit after its retention period anyway.
            }
        }
    }

    private sealed class Waiter(Func<RenderTree, bool> predicate)
    {
        public Func<RenderTree, bool> Predicate { get; } = predicate;
        public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ErrorCollector : ILoggerProvider, ILogger
    {
        public static readonly ErrorCollector Instance = new();

        public ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && ClientErrors.Count < 100)
            {
                ClientErrors.Enqueue(exception is null ? formatter(state, exception) : $"{formatter(state, exception)} ({exception.GetType().Name}: {exception.Message})");
            }
        }
    }
}

public sealed class CircuitFailedException(string reason) : Exception(reason);
