using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// The process's one connection to Redis (<see cref="SpaceCombatOptions.Redis"/>), shared by everything kept there
/// (the battle journal, the Data Protection keys): StackExchange.Redis multiplexes every caller over it, and a
/// connection per caller would only cost sockets. It is opened when first asked for (never when nothing uses Redis) and
/// disposed with the host's services.
/// </summary>
public static partial class RedisConnection
{
    public static IServiceCollection AddRedisConnection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IConnectionMultiplexer>(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<SpaceCombatOptions>>().Value;
            if (string.IsNullOrWhiteSpace(settings.Redis))
            {
                throw new InvalidOperationException($"{SpaceCombatOptions.SectionName}:{nameof(SpaceCombatOptions.Redis)} is not set: it names the Redis server.");
            }
            var configuration = ConfigurationOptions.Parse(settings.Redis);
            // Only the endpoints: the connection string may hold a password.
            Connecting(provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisConnection)), EndpointsOf(configuration));
            return ConnectionMultiplexer.Connect(configuration);
        });
        return services;
    }

    /// <summary>The servers a connection string names, without anything else it holds (a password, a user).</summary>
    public static string EndpointsOf(ConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Join(", ", configuration.EndPoints.Select(EndPointCollection.ToString));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to Redis at {Endpoints}")]
    private static partial void Connecting(ILogger logger, string endpoints);
}
