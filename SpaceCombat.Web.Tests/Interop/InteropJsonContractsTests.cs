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
        object?[] args = [0, "h1", true, 2.5, null, Band.Short, shape, new Dictionary<string, List<string>> { ["k"] = ["v"] }, new[] { 1, 2 }];

        var reflection = InteropOptions(new DefaultJsonTypeInfoResolver());
        var contracts = InteropOptions(InteropJsonContracts.Instance);

        var written = JsonSerializer.Serialize(args, contracts);
        Assert.Equal(JsonSerializer.Serialize(args, reflection), written);
        Assert.Contains("\"name\":\"Patrol Corvette\"", written, StringComparison.Ordinal);

        var json = JsonSerializer.Serialize(shape, reflection);
        var read = JsonSerializer.Deserialize<Shape>(json, contracts)!;
        Assert.Equal(json, JsonSerializer.Serialize(read, reflection));
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

    /// <summary>Options as the JS runtime makes them (camel case, case-insensitive, depth 32) with the given contracts.</summary>
    private static JsonSerializerOptions InteropOptions(IJsonTypeInfoResolver contracts) => new()
    {
        MaxDepth = 32,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        TypeInfoResolver = contracts,
    };
}
