using Microsoft.Extensions.Configuration;
using Serilog.Events;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class LogLevelsTests
{
    private static LogLevels Read(params (string Key, string Value)[] settings) =>
        LogLevels.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Logging:LogLevel:{s.Key}", s.Value)))
            .Build());

    [Fact]
    public void Without_a_section_the_shipped_levels_apply()
    {
        var levels = Read();

        Assert.Equal(LogEventLevel.Information, levels.Minimum);
        Assert.Equal(LogEventLevel.Warning, levels.Overrides["Microsoft.AspNetCore"]);
        Assert.Equal(LevelAlias.Off, levels.Overrides[LogLevels.HubDispatcherCategory]);
        Assert.Equal(LogEventLevel.Error, levels.Overrides[LogLevels.HealthCheckServiceCategory]);
    }

    [Theory]
    [InlineData("Trace", LogEventLevel.Verbose)]
    [InlineData("debug", LogEventLevel.Debug)]
    [InlineData("Information", LogEventLevel.Information)]
    [InlineData("Warning", LogEventLevel.Warning)]
    [InlineData("Error", LogEventLevel.Error)]
    [InlineData("Critical", LogEventLevel.Fatal)]
    [InlineData("None", LevelAlias.Off)]
    public void Default_sets_the_minimum(string configured, LogEventLevel expected) =>
        Assert.Equal(expected, Read(("Default", configured)).Minimum);

    [Fact]
    public void Other_keys_are_categories_with_their_own_level()
    {
        var levels = Read(("Default", "Warning"), ("SpaceCombat.Web.Battles", "Debug"), ("Microsoft.AspNetCore", "Error"));

        Assert.Equal(LogEventLevel.Warning, levels.Minimum);
        Assert.Equal(LogEventLevel.Debug, levels.Overrides["SpaceCombat.Web.Battles"]);
        Assert.Equal(LogEventLevel.Error, levels.Overrides["Microsoft.AspNetCore"]);
    }

    [Theory]
    [InlineData("Loud")]
    [InlineData("42")]
    [InlineData("")]
    public void An_unknown_level_is_refused_naming_the_key(string configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("SpaceCombat", configured)));

        Assert.Contains("Logging:LogLevel:SpaceCombat", error.Message);
    }
}
