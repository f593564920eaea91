using System.Collections.Concurrent;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Hands out one logger per category for the process, made by the logger factory it wraps (Serilog's).
/// </summary>
/// <remarks>
/// Serilog's factory makes a new logger each time one is asked for, each with its own context property, enricher and
/// event-id cache (about 600 bytes), and the framework asks for several as every circuit starts (its renderer, its
/// navigation, its JS runtime...): some 4 KB kept per circuit, every one promoted with the circuit. A logger is shared
/// by every caller of its category, as Microsoft's own factory shares them. Categories are type and component names;
/// past <see cref="MaxCategories"/> of them a logger is made per call again, so no caller can grow the cache without
/// bound.
/// </remarks>
public sealed class CachedLoggerFactory(ILoggerFactory inner, bool ownsInner = true) : ILoggerFactory
{
    public const int MaxCategories = 2048;

    private readonly ConcurrentDictionary<string, ILogger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        if (loggers.TryGetValue(categoryName, out var logger))
        {
            return logger;
        }
        return loggers.Count < MaxCategories ? loggers.GetOrAdd(categoryName, inner.CreateLogger) : inner.CreateLogger(categoryName);
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>Disposes the wrapped factory when it was made for this one (Serilog's flushes its logger then).</summary>
    public void Dispose()
    {
        if (ownsInner)
        {
            inner.Dispose();
        }
    }

    /// <summary>Wraps the last <see cref="ILoggerFactory"/> registration (Serilog's, from <c>AddSerilog</c>).</summary>
    public static IServiceCollection Decorate(IServiceCollection services)
    {
        var registration = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No logger factory is registered to share loggers from.");
        services.Remove(registration);
        services.AddSingleton<ILoggerFactory>(provider =>
            new CachedLoggerFactory(Create(registration, provider), ownsInner: registration.ImplementationInstance is null));
        return services;
    }

    private static ILoggerFactory Create(ServiceDescriptor registration, IServiceProvider provider) => registration switch
    {
        { ImplementationInstance: ILoggerFactory instance } => instance,
        { ImplementationFactory: { } factory } => (ILoggerFactory)factory(provider),
        { ImplementationType: { } type } => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, type),
        _ => throw new InvalidOperationException("The logger factory's registration has no way to make it."),
    };
}
