using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceCombat.Web.Interop;

/// <summary>
/// Writes a value declared as <see cref="object"/> (every JS interop argument is one) with its runtime type's contract,
/// as System.Text.Json does, without first building a contract for each of that type's base types and interfaces.
/// </summary>
/// <remarks>
/// The serializer looks through a runtime type's ancestors for a polymorphic contract (<c>[JsonDerivedType]</c>) and
/// builds a contract for each on the way. Every circuit's JS runtime has options of its own, so every circuit built
/// them all again as it started: the framework's renderer attachment (two dictionaries, each with eight collection
/// interfaces) cost ≈ 120 KB per circuit, most of it kept with the circuit's options. Interop payloads declare no
/// polymorphic contract, so writing by the runtime type's own contract writes the same JSON.
/// </remarks>
public sealed class ObjectByRuntimeTypeConverter : JsonConverter<object>
{
    /// <summary>One for every circuit: it keeps nothing (each options instance caches its own contracts).</summary>
    public static ObjectByRuntimeTypeConverter Instance { get; } = new();

    private ObjectByRuntimeTypeConverter()
    {
    }

    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(object);

    /// <summary>Reads what the serializer reads for <see cref="object"/> by default: the JSON as a <see cref="JsonElement"/>.</summary>
    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        var runtimeType = value.GetType();
        if (runtimeType == typeof(object))
        {
            // A bare object has no members: the serializer writes it as an empty object.
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }
        JsonSerializer.Serialize(writer, value, runtimeType, options);
    }
}
