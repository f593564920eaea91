using System.Text.Json;
using Microsoft.Playwright;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Runs axe-core (from npm, restored into SpaceCombat.E2E.Tests/axe/node_modules by <c>npm ci</c>) in a page and
/// fails on any serious or critical violation, naming each rule and the elements it found.
/// </summary>
public static class Axe
{
    public static string ScriptPath { get; } =
        Path.Combine(BrowserFixture.RepositoryRoot(), "SpaceCombat.E2E.Tests", "axe", "node_modules", "axe-core", "axe.min.js");

    private const string Run = """
        async () => {
            const results = await axe.run(document, { resultTypes: ['violations'] });
            return JSON.stringify(results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id} (${v.help}): ` + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')));
        }
        """;

    /// <summary>Asserts that axe finds no serious or critical violation on the page as it is now.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string screen)
    {
        if (!File.Exists(ScriptPath))
        {
            throw new InvalidOperationException($"axe-core is missing at {ScriptPath}: run `npm ci` in SpaceCombat.E2E.Tests/axe (./test.sh does when node_modules is missing).");
        }
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = ScriptPath });
        }
        var violations = JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>(Run)) ?? [];
        Assert.True(violations.Length == 0, $"axe on the {screen} screen:\n" + string.Join("\n", violations));
    }
}
