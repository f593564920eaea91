using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.JSInterop;

namespace SpaceCombat.Web.Interop;

/// <summary>
/// Registers the circuit's JS runtime (the framework's, from <c>AddInteractiveServerComponents</c>) so that its JSON
/// options resolve contracts through <see cref="InteropJsonContracts"/> and write values declared as <c>object</c> through
/// <see cref="ObjectByRuntimeTypeConverter"/>.
/// </summary>
public static class CircuitJSRuntimeRegistration
{
    /// <summary>
    /// Wraps the last <see cref="IJSRuntime"/> registration when it is the framework's scoped runtime type; any other
    /// shape is left as it is (the runtime then builds its contracts as the framework does).
    /// </summary>
    public static IServiceCollection UseInteropJsonContracts(this IServiceCollection services)
    {
        var registration = services.LastOrDefault(d => d.ServiceType == typeof(IJSRuntime));
        if (registration is not { Lifetime: ServiceLifetime.Scoped, IsKeyedService: false, ImplementationType: { } runtimeType }
            || !typeof(JSRuntime).IsAssignableFrom(runtimeType))
        {
            return services;
        }
        var create = ActivatorUtilities.CreateFactory(runtimeType, Type.EmptyTypes);
        services.Remove(registration);
        services.AddScoped<IJSRuntime>(provider =>
        {
            var runtime = (JSRuntime)create(provider, null);
            // Before the runtime's first call: the options are fixed once they have serialized anything.
            var options = JsonOptionsOf(runtime);
            options.TypeInfoResolver = InteropJsonContracts.Instance;
            options.Converters.Add(ObjectByRuntimeTypeConverter.Instance);
            return runtime;
        });
        return services;
    }

    /// <summary>The runtime's interop options (a protected property of <see cref="JSRuntime"/>, for its implementations).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_JsonSerializerOptions")]
    internal static extern JsonSerializerOptions JsonOptionsOf(JSRuntime runtime);
}
