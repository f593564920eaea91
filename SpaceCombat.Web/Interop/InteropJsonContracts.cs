using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SpaceCombat.Web.Interop;

/// <summary>
/// The JSON contracts of a circuit's JS interop calls: System.Text.Json's reflection contracts, except that the
/// runtime's capability interfaces (<see cref="IComparable"/>, <see cref="IEquatable{T}"/>, <see cref="IConvertible"/>,
/// the generic math interfaces, <see cref="System.Runtime.Serialization.ISerializable"/> and the like) have none.
/// </summary>
/// <remarks>
/// Interop arguments are written as <c>object</c>, so for each runtime type the serializer looks through every base
/// type and interface for a polymorphic contract, building a contract for each. Every circuit's JS runtime has options
/// of its own (its converters hold the runtime), so it builds them all again: the renderer id (an <c>int</c>, with some
/// thirty generic math interfaces) that the framework sends as each circuit starts cost ≈ 140 KB of metadata per
/// circuit. Those interfaces carry no data, so no payload is written or read through them, and no polymorphic
/// contract is declared on them: having none changes no payload.
/// </remarks>
public sealed class InteropJsonContracts : IJsonTypeInfoResolver
{
    /// <summary>One for every circuit: it keeps nothing per options (each options instance caches its own contracts).</summary>
    public static InteropJsonContracts Instance { get; } = new();

    private readonly DefaultJsonTypeInfoResolver _reflection = new();

    private InteropJsonContracts()
    {
    }

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        IsCapabilityInterface(type) ? null : _reflection.GetTypeInfo(type, options);

    /// <summary>
    /// An interface of the runtime's own namespaces for what a type can do (compare, format, parse, add, clone,
    /// dispose, serialize itself), not for data it holds; the collection interfaces (System.Collections...) are not.
    /// </summary>
    public static bool IsCapabilityInterface(Type type) =>
        type.IsInterface && type.Namespace is "System" or "System.Numerics" or "System.Runtime.Serialization";
}
