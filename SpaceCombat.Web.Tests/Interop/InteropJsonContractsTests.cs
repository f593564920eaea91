using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.JSInterop;
using SpaceCombat.Web.Interop;

namespace SpaceCombat.Web.Tests.Interop;

public sealed class InteropJsonContractsTests
{
    private enum Band { Short, Medium }

    private sealed record Shape(string Name, int Count, double Ratio, bool Flag, Band Band, Guid Id, DateTimeOffset At,
        IReadOnlyList<int> Numbers, IDictionary<string, string[]> Tags, IEnumerable<string> Words, object Anything);

    [Fact]
    public void The_app_circuit_JS_runtime_resolves_its_contracts_through_InteropJsonContracts()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IWebHostEnvironment>(new BuiltEnvironment());
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSpaceCombatWeb();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = provider.CreateScope();

        var runtime = Assert.IsAssignableFrom<JSRuntime>(scope.ServiceProvider.GetRequiredService<IJSRuntime>());

        // The framework's own circuit runtime (its circuit factory casts to it), with the contracts swapped.
        Assert.Equal("RemoteJSRuntime", runtime.GetType().Name);
        Assert.Same(InteropJsonContracts.Instance, CircuitJSRuntimeRegistration.JsonOptionsOf(runtime).TypeInfoResolver);
        Assert.Contains(ObjectByRuntimeTypeConverter.Instance, CircuitJSRuntimeRegistration.JsonOptionsOf(runtime).Converters);
        Assert.Same(runtime, scope.ServiceProvider.GetRequiredService<IJSRuntime>());
    }

    [Fact]
    public void Capability_interfaces_have_no_contract_and_data_types_keep_theirs()
    {
        var options = new JsonSerializerOptions();

        foreach (var capability in new[] { typeof(IComparable<int>), typeof(IEquatable<string>), typeof(IConvertible), typeof(ISpanFormattable),
                     typeof(IAdditionOperators<int, int, int>), typeof(IBinaryInteger<int>), typeof(System.Runtime.Serialization.ISerializable), typeof(IDisposable) })
        {
            Assert.Null(InteropJsonContracts.Instance.GetTypeInfo(capability, options));
        }
        foreach (var data in new[] { typeof(int), typeof(string), typeof(IEnumerable<int>), typeof(IReadOnlyDictionary<string, int>),
                     typeof(System.Collections.IEnumerable), typeof(Shape) })
        {
            Assert.NotNull(InteropJsonContracts.Instance.GetTypeInfo(data, options));
        }
    }

    [Fact]
    public void Payloads_are_written_and_read_as_with_the_reflection_contracts()
    {
        var shape = new Shape("Patrol Corvette", 3, 0.25, true, Band.Medium, new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
            new DateTimeOffset(2026, 12, 5, 23, 0, 0, TimeSpan.Zero), [1, 2, 3],
            new Dictionary<string, string[]> { ["a"] = ["x", "y"] }, new List<string> { "one", "two" }, 7);
        object?[] args = [0, "h1", true, 2.5, null, Band.Short, shape, new Dictionary<string, List<string>> { ["k"] = ["v"] }, new[] { 1, 2 },
            new object(), new Dictionary<string, object?> { ["n"] = 1, ["s"] = "t", ["o"] = new object(), ["none"] = null, ["shape"] = shape },
            JsonDocument.Parse("{\"a\":[1,{\"b\":null}]}").RootElement, new Derived("base", "derived"), new List<object> { 1, "two", Band.Medium }];

        var reflection = InteropOptions(new DefaultJsonTypeInfoResolver(), objectConverter: false);
        var contracts = InteropOptions(InteropJsonContracts.Instance, objectConverter: true);

        var written = JsonSerializer.Serialize(args, contracts);
        Assert.Equal(JsonSerializer.Serialize(args, reflection), written);
        Assert.Contains("\"name\":\"Patrol Corvette\"", written, StringComparison.Ordinal);

        var json = JsonSerializer.Serialize(shape, reflection);
        var read = JsonSerializer.Deserialize<Shape>(json, contracts)!;
        Assert.Equal(json, JsonSerializer.Serialize(read, reflection));
        Assert.IsType<JsonElement>(read.Anything);
        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<object?[]>(written, reflection), reflection),
            JsonSerializer.Serialize(JsonSerializer.Deserialize<object?[]>(written, contracts), reflection));
    }

    [Fact]
    public void An_argument_is_written_without_a_contract_for_each_of_its_ancestors()
    {
        // The framework's renderer attachment, as each circuit starts: dictionaries written as object.
        object?[] args = [0, new Dictionary<string, string[]> { ["a"] = ["x"] }, new Dictionary<string, List<string>> { ["k"] = ["v"] }];
        var reflection = new RecordingResolver(new DefaultJsonTypeInfoResolver());
        var contracts = new RecordingResolver(InteropJsonContracts.Instance);

        JsonSerializer.Serialize(args, InteropOptions(reflection, objectConverter: false));
        var written = JsonSerializer.Serialize(args, InteropOptions(contracts, objectConverter: true));

        // Without the converter the serializer asks for every base type and interface of each argument's type.
        Assert.Contains(typeof(IDictionary<string, string[]>), reflection.Asked);
        Assert.Contains(typeof(IReadOnlyCollection<KeyValuePair<string, List<string>>>), reflection.Asked);
        Assert.DoesNotContain(contracts.Asked, type => type.IsInterface);
        Assert.Equal("[0,{\"a\":[\"x\"]},{\"k\":[\"v\"]}]", written);
    }

    private record Base(string Name);

    private sealed record Derived(string Name, string Extra) : Base(Name);

    /// <summary>Remembers every type the serializer asks a contract for.</summary>
    private sealed class RecordingResolver(IJsonTypeInfoResolver inner) : IJsonTypeInfoResolver
    {
        public HashSet<Type> Asked { get; } = [];

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            Asked.Add(type);
            return inner.GetTypeInfo(type, options);
        }
    }

    /// <summary>What the framework's circuit options read of the host (no files).</summary>
    private sealed class BuiltEnvironment : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "SpaceCombat.Web";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = "";
        public string EnvironmentName { get; set; } = "Production";
    }

    /// <summary>Options as the JS runtime makes them (camel case, case-insensitive, depth 32) with the given contracts, and the app's object converter or the serializer's own.</summary>
    private static JsonSerializerOptions InteropOptions(IJsonTypeInfoResolver contracts, bool objectConverter)
    {
        var options = new JsonSerializerOptions
        {
            MaxDepth = 32,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            TypeInfoResolver = contracts,
        };
        if (objectConverter)
        {
            options.Converters.Add(ObjectByRuntimeTypeConverter.Instance);
        }
        return options;
    }
}
