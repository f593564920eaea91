using System.Collections.Concurrent;
using System.Text.Json;
using SpaceCombat.CircuitClient;

namespace SpaceCombat.E2E.Tests;

/// <summary>What a <see cref="HubFuzzer"/> sends; each is one hub message.</summary>
internal enum FuzzEvent
{
    /// <summary>A click (or change) on a handler of the page as it is, disabled buttons included.</summary>
    LiveHandler,
    /// <summary>A live handler id with a wrong event name, arguments of the wrong shape, or a descriptor that is not one.</summary>
    LiveHandlerBadArguments,
    /// <summary>A handler id no render ever made (0, negative, huge, not a number).</summary>
    InvalidHandlerId,
    /// <summary>A handler id the page had earlier (a control of a turn that has passed, when the server still holds it).</summary>
    StaleHandlerId,
    /// <summary>A JS-to-.NET call of a method, object or assembly that does not exist.</summary>
    UnknownDotNetMethod,
    /// <summary>A hub method the hub has, with the wrong number or types of arguments.</summary>
    WrongArgumentShapes,
    /// <summary>A hub method the hub does not have.</summary>
    UnknownHubMethod,
    /// <summary>A reply to a JS interop call the server never made, or that is not JSON.</summary>
    GarbageInteropCompletion,
    /// <summary>An acknowledgement of a render batch never sent, or a render error report.</summary>
    BogusRenderAck,
    /// <summary>A location change to another page, a foreign site or no address at all.</summary>
    Navigation,
}

/// <summary>Counts shared by all fuzzers of a run.</summary>
internal sealed class FuzzTally
{
    private readonly ConcurrentDictionary<FuzzEvent, long> _sent = new();
    private long _total;
    private long _reopened;

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Circuits the server closed (or failed) and the fuzzer opened again.</summary>
    public long Reopened => Interlocked.Read(ref _reopened);

    public IReadOnlyDictionary<FuzzEvent, long> ByKind => _sent;

    public void Sent(FuzzEvent kind)
    {
        Interlocked.Increment(ref _total);
        _sent.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    public void Reopen() => Interlocked.Increment(ref _reopened);
}

/// <summary>
/// One hostile tab on a battle page: a seat's second tab (its localStorage holds the seat's token) or a spectator.
/// It sends random hub messages in bursts without waiting for replies, and opens a new circuit whenever the server
/// closes its current one. A seat's tab sends messages that reach the battle page's live handlers only while its page
/// shows the opponent's turn, and never to the controls a seat may use at any time (Surrender, standing helm orders):
/// every handler it can reach then was rendered for a turn that is not its seat's, so no command it causes is one its
/// seat could legally give. Invalid ids are far beyond any the server has made.
/// </summary>
internal sealed class HubFuzzer(Uri baseUri, HttpClient http, string battlePath, Dictionary<string, string> localStorage, bool seated, Random random, FuzzTally tally)
    : IAsyncDisposable
{
    private const int Burst = 25;
    private static readonly string[] EventNames = ["click", "change", "input", "keydown"];
    private static readonly (FuzzEvent Kind, int Weight)[] Weights =
    [
        (FuzzEvent.LiveHandler, 26), (FuzzEvent.LiveHandlerBadArguments, 12), (FuzzEvent.InvalidHandlerId, 14),
        (FuzzEvent.StaleHandlerId, 10), (FuzzEvent.UnknownDotNetMethod, 10), (FuzzEvent.WrongArgumentShapes, 12),
        (FuzzEvent.UnknownHubMethod, 12), (FuzzEvent.GarbageInteropCompletion, 1), (FuzzEvent.BogusRenderAck, 1),
        (FuzzEvent.Navigation, 2),
    ];

    private readonly HashSet<ulong> _seenIds = [];
    private BlazorCircuit? _circuit;
    private long _callId;
    private bool _holding;

    /// <summary>Sends <paramref name="events"/> messages (fewer if <paramref name="stop"/> is cancelled), reopening closed circuits.</summary>
    public async Task RunAsync(int events, TimeSpan pause, CancellationToken stop)
    {
        var sent = 0;
        while (sent < events && !stop.IsCancellationRequested)
        {
            var circuit = await EnsureOpenAsync(stop);
            if (circuit is null)
            {
                continue;
            }
            for (var i = 0; i < Burst && sent < events; i++)
            {
                var kind = Draw(circuit, out var live);
                try
                {
                    await SendAsync(circuit, kind, live);
                }
                catch (Exception) when (circuit.Failure is not null || circuit.Closed.IsCompleted)
                {
                    break;
                }
                catch (InvalidOperationException)
                {
                    // The connection is closing (the server cut it): the next burst opens a new circuit.
                    break;
                }
                tally.Sent(kind);
                sent++;
            }
            if (seated && random.Next(8) == 0)
            {
                // Now and then a seat's tab stops acknowledging render batches for a while, so that the server keeps
                // the handlers of turns that have passed alive for its stale clicks.
                try
                {
                    if (_holding)
                    {
                        await circuit.ReleaseAcknowledgementsAsync();
                    }
                    else
                    {
                        circuit.HoldAcknowledgementsFrom(_ => true);
                    }
                }
                catch (InvalidOperationException)
                {
                    // The server closed the circuit meanwhile.
                }
                _holding = !_holding;
            }
            await Task.Delay(pause, CancellationToken.None);
        }
    }

    private async Task<BlazorCircuit?> EnsureOpenAsync(CancellationToken stop)
    {
        if (_circuit is { Failure: null } open && !open.Closed.IsCompleted)
        {
            return open;
        }
        if (_circuit is not null)
        {
            await _circuit.DisposeAsync();
            _circuit = null;
            tally.Reopen();
        }
        // Handler ids belong to one circuit's renderer: another circuit's would be live ids of unknown turns here.
        _seenIds.Clear();
        _holding = false;
        var circuit = new BlazorCircuit(SpaceCombat.CircuitClient.PlayerConnection.Shared(http), baseUri, new Dictionary<string, string>(localStorage));
        _circuit = circuit;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await circuit.StartAsync(battlePath, timeout.Token);
            await circuit.WaitForAsync(t => t.ByClass("sc-hud") is not null || t.ByTestId("battle-result") is not null, TimeSpan.FromSeconds(30), stop);
            return circuit.RendererObjectId >= 0 ? circuit : null;
        }
        catch (Exception) when (!stop.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The next kind of message, and the page's reachable handlers when it may use them (null when not).</summary>
    private FuzzEvent Draw(BlazorCircuit circuit, out List<(ulong Id, string Name)>? live)
    {
        live = circuit.Query(t =>
        {
            if (seated && (t.ByClass("sc-hud") is null || FairPlayer.HasResult(t) || FairPlayer.MyTurn(t)))
            {
                return null;
            }
            var handlers = new List<(ulong, string)>();
            t.Count(node =>
            {
                foreach (var name in EventNames)
                {
                    if (node.EventId(name) is { } id && !(seated && IsAlwaysLegal(node)))
                    {
                        handlers.Add((id, name));
                        _seenIds.Add(id);
                    }
                }
                return false;
            });
            return handlers;
        });
        var pick = random.Next(Weights.Sum(w => w.Weight));
        foreach (var (kind, weight) in Weights)
        {
            if (pick < weight)
            {
                return live is null && kind is FuzzEvent.LiveHandler or FuzzEvent.LiveHandlerBadArguments or FuzzEvent.StaleHandlerId
                    ? FuzzEvent.InvalidHandlerId
                    : kind;
            }
            pick -= weight;
        }
        return FuzzEvent.UnknownHubMethod;
    }

    /// <summary>Controls a seat may use in any turn (so a second tab's use of them is legal): Surrender, standing helm orders.</summary>
    private static bool IsAlwaysLegal(Node node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current.Attr("data-testid") == "helm-orders" || (current.Attr("class") is { } classes && DomQueries.HasClass(classes, "sc-surrender")))
            {
                return true;
            }
        }
        return false;
    }

    private Task SendAsync(BlazorCircuit circuit, FuzzEvent kind, List<(ulong Id, string Name)>? live)
    {
        var renderer = circuit.RendererObjectId;
        var callId = Interlocked.Increment(ref _callId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (kind)
        {
            case FuzzEvent.LiveHandler when live is { Count: > 0 }:
                {
                    var (id, name) = live[random.Next(live.Count)];
                    return Dispatch(circuit, callId, renderer, Descriptor(id.ToString(System.Globalization.CultureInfo.InvariantCulture), name), ArgsFor(name));
                }
            case FuzzEvent.LiveHandlerBadArguments when live is { Count: > 0 }:
                {
                    var id = live[random.Next(live.Count)].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return random.Next(6) switch
                    {
                        0 => Dispatch(circuit, callId, renderer, Descriptor(id, "change"), BlazorCircuit.ClickArgs),
                        1 => Dispatch(circuit, callId, renderer, Descriptor(id, "click"), "{\"detail\":\"twice\",\"bogus\":true}"),
                        2 => Dispatch(circuit, callId, renderer, $"{{\"eventHandlerId\":{id},\"eventName\":\"click\",\"eventFieldInfo\":null,\"extra\":1}}", BlazorCircuit.ClickArgs),
                        3 => circuit.SendRawAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", renderer, $"[{Descriptor(id, "click")}]"),
                        4 => circuit.SendRawAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", renderer, $"[{Descriptor(id, "click")},{BlazorCircuit.ClickArgs}"),
                        _ => Dispatch(circuit, callId, renderer, $"{{\"eventHandlerId\":\"{id}\",\"eventName\":7,\"eventFieldInfo\":{{\"componentId\":\"x\"}}}}", "[]"),
                    };
                }
            case FuzzEvent.StaleHandlerId when _seenIds.Count > 0:
                {
                    // Any id this circuit's page has had: one whose element a later turn replaced is stale.
                    var id = _seenIds.ElementAt(random.Next(_seenIds.Count)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Dispatch(circuit, callId, renderer, Descriptor(id, "click"), BlazorCircuit.ClickArgs);
                }
            case FuzzEvent.UnknownDotNetMethod:
                return random.Next(4) switch
                {
                    0 => circuit.SendRawAsync("BeginInvokeDotNetFromJS", callId, null, Pick("DispatchEventAsync2", "Dispose", "UpdateRootComponentsCore", ""), renderer, "[]"),
                    1 => circuit.SendRawAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", (long)Pick(0, 999_999, -1), "[]"),
                    2 => circuit.SendRawAsync("BeginInvokeDotNetFromJS", callId, Pick("SpaceCombat.Web", "System.Private.CoreLib", "Microsoft.AspNetCore.Components.Web"), Pick("Exit", "NotifyLocationChanged", "Main"), 0L, "[]"),
                    _ => circuit.SendRawAsync("BeginInvokeDotNetFromJS", null, null, "DispatchEventAsync", renderer, "not json at all"),
                };
            case FuzzEvent.WrongArgumentShapes:
                return random.Next(7) switch
                {
                    0 => circuit.SendRawAsync("BeginInvokeDotNetFromJS", 1, 2),
                    1 => circuit.SendRawAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", "not a long", "[]"),
                    2 => circuit.SendRawAsync("OnRenderCompleted", "x", 5),
                    3 => circuit.SendRawAsync("OnLocationChanged", 42),
                    4 => circuit.SendRawAsync("EndInvokeJSFromDotNet", "a", "b", "c"),
                    5 => circuit.SendRawAsync("ReceiveByteArray", "x", "y"),
                    _ => circuit.SendRawAsync("ConnectCircuit", 5, true),
                };
            case FuzzEvent.UnknownHubMethod:
                return circuit.SendRawAsync(Pick("DispatchBrowserEvent", "NotifyLocationChanged", "Foo", "endinvokejsfromdotnet", RandomName()), callId);
            case FuzzEvent.GarbageInteropCompletion:
                {
                    var handle = (long)random.Next(1, 1_000_000);
                    return circuit.SendRawAsync("EndInvokeJSFromDotNet", handle, random.Next(2) == 0,
                        Pick($"[{handle},true,null]", "not json", "[]", $"[{handle + 1},false,\"nope\"]"));
                }
            case FuzzEvent.BogusRenderAck:
                return random.Next(2) == 0
                    ? circuit.SendRawAsync("OnRenderCompleted", 1_000_000_000L + random.Next(1000), null)
                    : circuit.SendRawAsync("OnRenderCompleted", 2L, "a client-side render failure");
            case FuzzEvent.Navigation:
                return circuit.SendRawAsync("OnLocationChanged",
                    Pick(new Uri(baseUri, battlePath).ToString(), new Uri(baseUri, "battle/ZZZZZZ").ToString(), "http://evil.example/", "::not a uri::"), null, random.Next(2) == 0);
            default:
                {
                    var id = Pick("0", "-1", "1.5", "\"abc\"", "null", "18446744073709551615", (1_000_000_000_000L + random.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return Dispatch(circuit, callId, renderer, Descriptor(id, Pick(EventNames)), BlazorCircuit.ClickArgs);
                }
        }
    }

    private static Task Dispatch(BlazorCircuit circuit, string callId, long renderer, string descriptor, string args) =>
        circuit.SendRawAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", renderer, $"[{descriptor},{args}]");

    private static string Descriptor(string id, string eventName) =>
        $"{{\"eventHandlerId\":{id},\"eventName\":\"{eventName}\",\"eventFieldInfo\":null}}";

    private string ArgsFor(string eventName) => eventName switch
    {
        "click" => BlazorCircuit.ClickArgs,
        "keydown" => "{\"key\":\"Enter\",\"code\":\"Enter\",\"location\":0,\"repeat\":false,\"ctrlKey\":false,\"shiftKey\":false,\"altKey\":false,\"metaKey\":false,\"type\":\"keydown\"}",
        _ => $"{{\"value\":{JsonSerializer.Serialize(Pick("1", "0", "-3", "99999", "Adjacent", "", "<script>"))}}}",
    };

    private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];

    private string RandomName()
    {
        var chars = new char[random.Next(1, 40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0x21, 0x7F);
        }
        return new string(chars);
    }

    public async ValueTask DisposeAsync()
    {
        if (_circuit is not null)
        {
            await _circuit.DisposeAsync();
        }
    }
}
