using SpaceCombat.CircuitClient;

namespace SpaceCombat.LoadTest.Scenario;

/// <summary>
/// The busy page the server shows in place of an arriving page when its arrival admission queue is full (README
/// "Automation contract": <c>arrival-refused</c>). The page is live but holds none of the page's controls, so without
/// this a refused arrival would fail later as a timeout on a button; the battle fails with this one named reason instead.
/// </summary>
internal static class ArrivalRefusal
{
    public const string TestId = "arrival-refused";

    /// <summary>The failure's reason in the report, one count for every refused arrival whatever the page or player.</summary>
    public const string Reason = "arrival refused (server busy)";

    /// <summary>Whether the page is the busy page (it is in the circuit's first render, before the shell turns interactive).</summary>
    public static bool Shown(RenderTree tree) => tree.ByTestId(TestId) is not null;

    /// <summary>The battle's failure: who arrived where, and the page's words.</summary>
    public static BattleFailedException Failure(string role, string pathAndQuery, string? message) =>
        new(Reason, $"{role} opening /{pathAndQuery}{(message is null ? "" : $": {message}")}");
}
