using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceCombat.Core.Battles;

namespace SpaceCombat.Simulator;

/// <summary>
/// Writes battle events as JSON Lines: one object per event, <c>battle</c> (1-based) first, then <c>round</c>,
/// <c>type</c> and the acting <c>side</c> (null when no side acted; for a critical, the attacker), then the event's own
/// fields as the engine's records carry them (checks with dice, modifiers, total, target, effect, success; initiative
/// rolls with dice, modifiers, total; damage with dice, bonus, effect, armour, sand, damage, hullBefore, hullAfter;
/// turrets as <c>turretNumber</c>, counted from 1; a critical's <c>targetSide</c> and <c>attackerSide</c>). camelCase
/// names, enums as strings, '\n' line ends. Not thread-safe.
/// </summary>
public sealed class EventJsonWriter : IDisposable
{
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly HashSet<string> Leading = new(StringComparer.Ordinal) { "type", "round", "actor", "side" };
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly Utf8JsonWriter _writer;

    public EventJsonWriter(Stream stream, bool ownsStream = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _ownsStream = ownsStream;
        _writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = false });
    }

    public static EventJsonWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), ownsStream: true);

    public long EventsWritten { get; private set; }

    public void Write(int battle, BattleEvent battleEvent)
    {
        ArgumentNullException.ThrowIfNull(battleEvent);
        using var document = JsonSerializer.SerializeToDocument(battleEvent, SerializerOptions);
        var root = document.RootElement;
        _writer.WriteStartObject();
        _writer.WriteNumber("battle", battle);
        _writer.WriteNumber("round", battleEvent.Round);
        _writer.WriteString("type", root.GetProperty("type").GetString());
        if (battleEvent.Actor is { } side)
        {
            _writer.WriteString("side", side.ToString());
        }
        else
        {
            _writer.WriteNull("side");
        }
        foreach (var property in root.EnumerateObject())
        {
            if (!Leading.Contains(property.Name))
            {
                property.WriteTo(_writer);
            }
        }
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset();
        _stream.Write(NewLine);
        EventsWritten++;
    }

    public void Flush()
    {
        _writer.Flush();
        _stream.Flush();
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
