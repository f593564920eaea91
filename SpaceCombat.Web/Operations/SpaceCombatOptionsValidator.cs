using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>Rejects <see cref="SpaceCombatOptions"/> values the product cannot run with, naming the bad key.</summary>
public sealed class SpaceCombatOptionsValidator : IValidateOptions<SpaceCombatOptions>
{
    public ValidateOptionsResult Validate(string? name, SpaceCombatOptions options)
    {
        var failures = new List<string>();

        RequirePositive(failures, nameof(SpaceCombatOptions.IdleTimeout), options.IdleTimeout);
        RequirePositive(failures, nameof(SpaceCombatOptions.ConnectionCheckInterval), options.ConnectionCheckInterval);
        RequirePositive(failures, nameof(SpaceCombatOptions.CombatInactiveTimeout), options.CombatInactiveTimeout);
        RequirePositive(failures, nameof(SpaceCombatOptions.CombatCheckInterval), options.CombatCheckInterval);
        RequirePositive(failures, nameof(SpaceCombatOptions.RateLimitWindow), options.RateLimitWindow);
        if (options.BattleRetention < TimeSpan.Zero || options.BattleRetention > SpaceCombatOptions.MaxBattleRetention)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.BattleRetention))} must be from 00:00:00 to {SpaceCombatOptions.MaxBattleRetention:c}, got {options.BattleRetention:c}"));
        }
        RequirePositive(failures, nameof(SpaceCombatOptions.MetricsLogInterval), options.MetricsLogInterval);
        RequirePositive(failures, nameof(SpaceCombatOptions.TurnTimer), options.TurnTimer);
        RequirePositive(failures, nameof(SpaceCombatOptions.ReconnectGrace), options.ReconnectGrace);
        RequirePositive(failures, nameof(SpaceCombatOptions.CombatHistoryLimit), options.CombatHistoryLimit);
        RequirePositive(failures, nameof(SpaceCombatOptions.RateLimitMaxActions), options.RateLimitMaxActions);
        if (options.RateLimitQueueLimit is < 0 or > SpaceCombatOptions.MaxRateLimitQueueLimit)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.RateLimitQueueLimit))} must be from 0 to {SpaceCombatOptions.MaxRateLimitQueueLimit}, got {options.RateLimitQueueLimit}"));
        }
        RequirePositive(failures, nameof(SpaceCombatOptions.CircuitsPerClient), options.CircuitsPerClient);
        RequirePositive(failures, nameof(SpaceCombatOptions.BattlesPerClientPerMinute), options.BattlesPerClientPerMinute);
        RequirePositive(failures, nameof(SpaceCombatOptions.CodeLookupsPerClientPerMinute), options.CodeLookupsPerClientPerMinute);
        RequirePositive(failures, nameof(SpaceCombatOptions.RestartNoticeTimeout), options.RestartNoticeTimeout);
        if (options.RestartNoticeTimeout > TimeSpan.FromSeconds(60))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.RestartNoticeTimeout))} must be at most 00:01:00 (it delays every stop), got {options.RestartNoticeTimeout:c}"));
        }
        if (options.ArrivalPermits is < 1 or > SpaceCombatOptions.MaxArrivalPermits)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.ArrivalPermits))} must be from 1 to {SpaceCombatOptions.MaxArrivalPermits}, got {options.ArrivalPermits}"));
        }
        if (options.ArrivalQueueLimit is < 0 or > SpaceCombatOptions.MaxArrivalQueueLimit)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.ArrivalQueueLimit))} must be from 0 to {SpaceCombatOptions.MaxArrivalQueueLimit}, got {options.ArrivalQueueLimit}"));
        }
        if (options.ArrivalHoldLimit <= TimeSpan.Zero || options.ArrivalHoldLimit > SpaceCombatOptions.MaxArrivalHoldLimit)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.ArrivalHoldLimit))} must be a positive time span of at most {SpaceCombatOptions.MaxArrivalHoldLimit:c}, got {options.ArrivalHoldLimit:c}"));
        }
        if (options.ArrivalLagLimit <= TimeSpan.Zero || options.ArrivalLagLimit > SpaceCombatOptions.MaxArrivalLagLimit)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.ArrivalLagLimit))} must be a positive time span of at most {SpaceCombatOptions.MaxArrivalLagLimit:c}, got {options.ArrivalLagLimit:c}"));
        }
        if (!(options.ArrivalProcessorLimit > 0 && options.ArrivalProcessorLimit <= 1))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.ArrivalProcessorLimit))} must be a share of the processors above 0 and at most 1, got {options.ArrivalProcessorLimit}"));
        }
        if (options.ArrivalBusyWaitLimit < TimeSpan.Zero || options.ArrivalBusyWaitLimit > SpaceCombatOptions.MaxArrivalBusyWaitLimit)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.ArrivalBusyWaitLimit))} must be from 00:00:00 to {SpaceCombatOptions.MaxArrivalBusyWaitLimit:c}, got {options.ArrivalBusyWaitLimit:c}"));
        }
        ValidateWarmUp(failures, options);
        foreach (var proxy in options.KnownProxies ?? [])
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"{Key(nameof(SpaceCombatOptions.KnownProxies))} must list IP addresses, got '{proxy}'");
            }
        }

        RequireFolder(failures, nameof(SpaceCombatOptions.LogDirectory), options.LogDirectory);
        RequireFolder(failures, nameof(SpaceCombatOptions.DataProtectionKeysDirectory), options.DataProtectionKeysDirectory);

        if (options.LogFileSizeLimitBytes < MinimumLogFileSizeBytes)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.LogFileSizeLimitBytes))} must be at least {MinimumLogFileSizeBytes} bytes, got {options.LogFileSizeLimitBytes}"));
        }
        RequirePositive(failures, nameof(SpaceCombatOptions.LogRetainedFileCount), options.LogRetainedFileCount);

        for (var i = 0; i < (options.AllowedOrigins?.Length ?? 0); i++)
        {
            var origin = options.AllowedOrigins![i];
            if (!HubOrigins.TryParseOrigin(origin, out _))
            {
                failures.Add($"{Key(nameof(SpaceCombatOptions.AllowedOrigins))}:{i} must be an origin such as https://space.example.com (http or https, a host, an optional port, no path), got '{origin}'");
            }
        }

        if (!string.Equals(options.Storage, SpaceCombatOptions.SqliteStorage, StringComparison.OrdinalIgnoreCase)
            && !options.StoresInRedis
            && !string.Equals(options.Storage, SpaceCombatOptions.MemoryStorage, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Key(nameof(SpaceCombatOptions.Storage))} must be {SpaceCombatOptions.SqliteStorage}, {SpaceCombatOptions.RedisStorage} or {SpaceCombatOptions.MemoryStorage}, got '{options.Storage}'");
        }
        ValidateRedis(failures, options);
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{Key(nameof(SpaceCombatOptions.DataDirectory))} must name a folder, got an empty value");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Key(nameof(SpaceCombatOptions.DataDirectory))} contains characters not allowed in a path, got '{options.DataDirectory}'");
        }
        if (options.SiloPort is < 0 or > IPEndPoint.MaxPort)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.SiloPort))} must be a port from 0 (any free port) to {IPEndPoint.MaxPort}, got {options.SiloPort}"));
        }
        RequirePositive(failures, nameof(SpaceCombatOptions.PresenceLease), options.PresenceLease);
        if (!IsNodeId(options.Cluster?.NodeId))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key("Cluster:NodeId")} must be 1 to {SpaceCombatOptions.ClusterOptions.MaxNodeIdLength} letters, digits, '.', '_' or '-', got '{options.Cluster?.NodeId}'"));
        }
        ClusterSettingsValidator.Validate(options, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The Redis connection string must be there when something keeps its data in Redis, and must be one
    /// StackExchange.Redis reads, naming at least one server. Only the reason is quoted, never the string: it may hold
    /// a password.
    /// </summary>
    private static void ValidateRedis(List<string> failures, SpaceCombatOptions options)
    {
        var key = Key(nameof(SpaceCombatOptions.Redis));
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            if (options.StoresInRedis)
            {
                failures.Add($"{key} must be a Redis connection string such as 127.0.0.1:6379 when {Key(nameof(SpaceCombatOptions.Storage))} is {SpaceCombatOptions.RedisStorage}, got an empty value");
            }
            return;
        }
        try
        {
            if (StackExchange.Redis.ConfigurationOptions.Parse(options.Redis).EndPoints.Count == 0)
            {
                failures.Add($"{key} must name at least one Redis server (host:port, e.g. 127.0.0.1:6379)");
            }
        }
        catch (ArgumentException exception)
        {
            failures.Add($"{key} is not a Redis connection string StackExchange.Redis can read: {exception.Message}");
        }
    }

    /// <summary>Smaller files would roll on almost every event.</summary>
    public const long MinimumLogFileSizeBytes = 1024;

    private static bool IsNodeId(string? nodeId) =>
        nodeId is { Length: > 0 and <= SpaceCombatOptions.ClusterOptions.MaxNodeIdLength }
        && nodeId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string Key(string property) => $"{SpaceCombatOptions.SectionName}:{property}";

    private static void RequireFolder(List<string> failures, string property, string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            failures.Add($"{Key(property)} must name a folder, got an empty value");
        }
        else if (folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Key(property)} contains characters not allowed in a path, got '{folder}'");
        }
    }

    /// <summary>The warm-up comes from one loopback client, so it must fit that client's limits.</summary>
    private static void ValidateWarmUp(List<string> failures, SpaceCombatOptions options)
    {
        var battleLimit = Math.Min(options.BattlesPerClientPerMinute, options.CodeLookupsPerClientPerMinute);
        var circuitLimit = (options.CircuitsPerClient - WarmUp.ServerWarmUp.VisitsAtOnce) / 2;
        if (options.WarmUpBattles < 0 || options.WarmUpBattles > Math.Min(battleLimit, circuitLimit))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.WarmUpBattles))} must be from 0 to {Math.Max(0, Math.Min(battleLimit, circuitLimit))} (the warm-up is one client: {Key(nameof(SpaceCombatOptions.BattlesPerClientPerMinute))}, {Key(nameof(SpaceCombatOptions.CodeLookupsPerClientPerMinute))}, and two circuits a battle plus {WarmUp.ServerWarmUp.VisitsAtOnce} within {Key(nameof(SpaceCombatOptions.CircuitsPerClient))}), got {options.WarmUpBattles}"));
        }
        if (options.WarmUpPageVisits is < 0 or > SpaceCombatOptions.MaxWarmUpPageVisits)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.WarmUpPageVisits))} must be from 0 to {SpaceCombatOptions.MaxWarmUpPageVisits}, got {options.WarmUpPageVisits}"));
        }
        if (options.WarmUpTimeLimit <= TimeSpan.Zero || options.WarmUpTimeLimit > SpaceCombatOptions.MaxWarmUpTimeLimit)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.WarmUpTimeLimit))} must be a positive time span of at most {SpaceCombatOptions.MaxWarmUpTimeLimit:c}, got {options.WarmUpTimeLimit:c}"));
        }
    }

    private static void RequirePositive(List<string> failures, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(property)} must be a positive time span, got {value:c}"));
        }
    }

    private static void RequirePositive(List<string> failures, string property, int value)
    {
        if (value <= 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(property)} must be a positive whole number, got {value}"));
        }
    }
}
