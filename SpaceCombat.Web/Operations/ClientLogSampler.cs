using Serilog.Core;
using Serilog.Events;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Keeps a client from flooding the logs: of the events it causes — warnings and errors, and requests answered with
/// a 4xx status — at most one per client per message template per <see cref="Window"/> is written; the next one
/// written after that carries <see cref="SuppressedProperty"/>, the number left out in between. Events without a
/// <see cref="ClientAddress.LogProperty"/> are never sampled. A Serilog filter, so it runs once per event before
/// the console and file sinks. Memory is bounded by <see cref="MaxTrackedKeys"/>.
/// </summary>
public sealed class ClientLogSampler(TimeProvider time) : ILogEventFilter
{
    public const string SuppressedProperty = "SuppressedSimilar";

    public const int MaxTrackedKeys = 10_000;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Client, string Template), Entry> _entries = [];

    private sealed class Entry(long windowStart)
    {
        public long WindowStart = windowStart;
        public int Suppressed;
    }

    /// <summary>Events left out since start (all clients).</summary>
    public long SuppressedTotal { get; private set; }

    /// <summary>Client and template pairs remembered now.</summary>
    public int TrackedKeys
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool IsEnabled(LogEvent logEvent)
    {
        if (!IsClientCaused(logEvent, out var client))
        {
            return true;
        }
        var key = (client, logEvent.MessageTemplate.Text);
        var now = time.GetTimestamp();
        int suppressed;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (time.GetElapsedTime(entry.WindowStart, now) < Window)
                {
                    entry.Suppressed++;
                    SuppressedTotal++;
                    return false;
                }
                suppressed = entry.Suppressed;
                entry.WindowStart = now;
                entry.Suppressed = 0;
            }
            else
            {
                if (_entries.Count >= MaxTrackedKeys)
                {
                    Prune(now);
                }
                _entries[key] = new Entry(now);
                suppressed = 0;
            }
        }
        if (suppressed > 0)
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty(SuppressedProperty, new ScalarValue(suppressed)));
        }
        return true;
    }

    private static bool IsClientCaused(LogEvent logEvent, out string client)
    {
        client = "";
        if (!logEvent.Properties.TryGetValue(ClientAddress.LogProperty, out var value) || value is not ScalarValue { Value: string address })
        {
            return false;
        }
        client = address;
        return logEvent.Level >= LogEventLevel.Warning || IsClientErrorRequest(logEvent);
    }

    /// <summary>The request log's line of a request answered 400–499.</summary>
    private static bool IsClientErrorRequest(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("StatusCode", out var status)
        && status is ScalarValue { Value: int code } && code is >= 400 and < 500
        && logEvent.Properties.ContainsKey("RequestPath");

    /// <summary>Drops keys whose window has passed; if all are current (a flood from very many addresses), starts afresh.</summary>
    private void Prune(long now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (time.GetElapsedTime(entry.WindowStart, now) >= Window)
            {
                _entries.Remove(key);
            }
        }
        if (_entries.Count >= MaxTrackedKeys)
        {
            _entries.Clear();
        }
    }
}
