using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// The JSON contracts of commands, events and a battle's logbook: camelCase names, enums as their names (never
/// numbers), and each command or event tagged with its <c>type</c> name. The type name is the version: a change that
/// breaks a type's fields gets a new name and the old one stays readable, so stored logbooks and exported logs keep
/// their meaning. Reading checks what it can: an unknown type, an enum number, a missing constructor field or a null
/// where none is allowed fails with a <see cref="JsonException"/> that says where.
/// </summary>
public static class BattleJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string WriteCommand(BattleCommand command) => JsonSerializer.Serialize(command, Options);

    public static BattleCommand ReadCommand(string json) => Read<BattleCommand>(json);

    public static string WriteEvent(BattleEvent battleEvent) => JsonSerializer.Serialize(battleEvent, Options);

    public static BattleEvent ReadEvent(string json) => Read<BattleEvent>(json);

    /// <summary>Reads one value of a contract type; null (or the JSON literal null) is refused.</summary>
    public static T Read<T>(string json) where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");
        }
        catch (NotSupportedException unsupported)
        {
            // What the serializer cannot build (a command or event with no type name) is bad input like any other.
            throw new JsonException($"Not a {typeof(T).Name} this version can read: {unsupported.Message}", unsupported);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Effects read "DM −1": letters and signs stay as they are; only HTML-sensitive characters are escaped.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
            // Stores such as a JSON column may reorder keys, so the type name need not come first.
            AllowOutOfOrderMetadataProperties = true,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
