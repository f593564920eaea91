namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Settings that start a server without its practice battles, for tests of something else that start real server
/// processes (each start would wait ≈ 14 s for the warm-up; ServerWarmUpTests and the load smoke test keep it).
/// </summary>
public static class NoWarmUp
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["SpaceCombat__WarmUpBattles"] = "0",
        ["SpaceCombat__WarmUpPageVisits"] = "0",
    };

    /// <summary>The same as <c>--server-env</c>-style <c>KEY=VALUE</c> pairs.</summary>
    public static IEnumerable<string> Environment => Settings.Select(setting => $"{setting.Key}={setting.Value}");
}
