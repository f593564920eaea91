using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// The log levels of the standard <c>Logging:LogLevel</c> section (appsettings, environment such as
/// <c>Logging__LogLevel__Default=Warning</c>) as Serilog minimum levels: <c>Default</c> is the minimum, every other key
/// a category (source context prefix) with its own level. Serilog is the app's only logging provider, so without this
/// the section would be ignored.
/// </summary>
public sealed record LogLevels(LogEventLevel Minimum, IReadOnlyDictionary<string, LogEventLevel> Overrides)
{
    public const string SectionName = "Logging:LogLevel";

    /// <summary>The SignalR hub dispatcher's category, off by default (see <see cref="Defaults"/>).</summary>
    public const string HubDispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>The health check service's category: it logs every degraded check at Warning, on every probe.</summary>
    public const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <summary>
    /// Information, Warning for ASP.NET Core's own categories, Error for the health checks (the one degraded check is
    /// a server warming up, which logs its own start and end; a probe every second would log it every second), and
    /// none for the hub dispatcher: the levels of the
    /// shipped appsettings. While its category logs anything, the dispatcher starts an <c>Activity</c> for every hub
    /// message (≈ 3 % of what the server allocates in sustained play); the one thing it logs above Debug, a hub method
    /// that throws, <see cref="HubAbuseFilter"/> already logs, naming the client and limited per client.
    /// </summary>
    public static LogLevels Defaults { get; } = new(LogEventLevel.Information,
        new Dictionary<string, LogEventLevel>(StringComparer.Ordinal)
        {
            ["Microsoft.AspNetCore"] = LogEventLevel.Warning,
            [HealthCheckServiceCategory] = LogEventLevel.Error,
            [HubDispatcherCategory] = LevelAlias.Off,
        });

    /// <summary>Reads the section; an unknown level stops start-up with a message naming the key.</summary>
    public static LogLevels FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var minimum = Defaults.Minimum;
        var overrides = new Dictionary<string, LogEventLevel>(Defaults.Overrides, StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection(SectionName).GetChildren())
        {
            if (entry.Value is null)
            {
                continue;
            }
            if (!Enum.TryParse<LogLevel>(entry.Value, ignoreCase: true, out var level) || !Enum.IsDefined(level))
            {
                throw new InvalidOperationException(
                    $"{SectionName}:{entry.Key} is '{entry.Value}', which is not a log level (Trace, Debug, Information, Warning, Error, Critical or None).");
            }
            if (string.Equals(entry.Key, "Default", StringComparison.OrdinalIgnoreCase))
            {
                minimum = ToSerilog(level);
            }
            else
            {
                overrides[entry.Key] = ToSerilog(level);
            }
        }
        return new LogLevels(minimum, overrides);
    }

    private static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        LogLevel.Critical => LogEventLevel.Fatal,
        _ => LevelAlias.Off,
    };
}
