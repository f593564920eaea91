using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// One viewer's log at one change of the battle: a read-only window (start, count) over a buffer that
/// <see cref="BattleLogProjection"/> keeps appending to, so a change costs the log nothing unless the buffer grows.
/// A window never changes: later events are written past its end and it never reads past its count. On the wire (JSON,
/// and so Orleans between nodes) it is a plain array of events.
/// </summary>
[Orleans.Immutable]
[JsonConverter(typeof(BattleLogWindowJsonConverter))]
public sealed class BattleLogWindow : IReadOnlyList<BattleEvent>
{
    private readonly BattleEvent[] _buffer;
    private readonly int _start;

    internal BattleLogWindow(BattleEvent[] buffer, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, buffer.Length, nameof(count));
        _buffer = buffer;
        _start = start;
        Count = count;
    }

    public static BattleLogWindow Empty { get; } = new([], 0, 0);

    public int Count { get; }

    public BattleEvent this[int index] =>
        (uint)index < (uint)Count ? _buffer[_start + index] : throw new ArgumentOutOfRangeException(nameof(index), index, $"The log holds {Count} events.");

    /// <summary>The window's events, without copying them.</summary>
    public ReadOnlySpan<BattleEvent> AsSpan() => _buffer.AsSpan(_start, Count);

    public IEnumerator<BattleEvent> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _buffer[_start + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A window is written as the JSON array of its events and read back as a window over a buffer of its own.</summary>
public sealed class BattleLogWindowJsonConverter : JsonConverter<BattleLogWindow>
{
    public override BattleLogWindow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var events = JsonSerializer.Deserialize<BattleEvent[]>(ref reader, options) ?? throw new JsonException("Expected an array of battle events, found null.");
        return events.Length == 0 ? BattleLogWindow.Empty : new BattleLogWindow(events, 0, events.Length);
    }

    public override void Write(Utf8JsonWriter writer, BattleLogWindow value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var battleEvent in value.AsSpan())
        {
            JsonSerializer.Serialize(writer, battleEvent, options);
        }
        writer.WriteEndArray();
    }
}
