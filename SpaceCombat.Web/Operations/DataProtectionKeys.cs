using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Keeps the Data Protection keys (which encrypt the seat tokens in players' browsers) in a folder instead of in
/// memory, so a seat still opens after the server restarts. The application name is fixed: nodes that share the keys
/// must also share it, and it must not follow the content root (a deploy to a new folder would lose every seat).
/// </summary>
public static class DataProtectionKeys
{
    public const string ApplicationName = "SpaceCombat";

    public static IServiceCollection AddPersistedDataProtection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<SpaceCombatOptions>, IHostEnvironment, ILoggerFactory>((keys, settings, environment, loggers) =>
                keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(FolderOf(settings.Value, environment)), loggers));
        return services;
    }

    /// <summary>The keys folder: the setting, under the content root when relative.</summary>
    public static string FolderOf(SpaceCombatOptions settings, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        return Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.DataProtectionKeysDirectory));
    }
}
