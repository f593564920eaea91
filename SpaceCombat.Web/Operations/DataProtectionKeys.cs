using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Keeps the Data Protection keys (which encrypt the seat tokens in players' browsers) outside the process, so a seat
/// still opens after the server restarts: in Redis when battles are kept there (every node sharing the server then
/// reads every node's seat tokens), else in a folder. The application name is fixed: nodes that share the keys must
/// also share it, and it must not follow the content root (a deploy to a new folder would lose every seat).
/// </summary>
public static class DataProtectionKeys
{
    public const string ApplicationName = "SpaceCombat";

    /// <summary>The Redis list of the key ring's XML elements (Storage = Redis).</summary>
    public const string RedisKey = "spacecombat:data-protection-keys";

    public static IServiceCollection AddPersistedDataProtection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddRedisConnection();
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<SpaceCombatOptions>, IHostEnvironment, ILoggerFactory, IServiceProvider>((keys, settings, environment, loggers, provider) =>
                keys.XmlRepository = settings.Value.StoresInRedis
                    ? RedisRepository(provider.GetRequiredService<IConnectionMultiplexer>())
                    : new FileSystemXmlRepository(new DirectoryInfo(FolderOf(settings.Value, environment)), loggers));
        return services;
    }

    private static RedisXmlRepository RedisRepository(IConnectionMultiplexer redis) => new(() => redis.GetDatabase(), RedisKey);

    /// <summary>The keys folder: the setting, under the content root when relative.</summary>
    public static string FolderOf(SpaceCombatOptions settings, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        return Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.DataProtectionKeysDirectory));
    }
}
