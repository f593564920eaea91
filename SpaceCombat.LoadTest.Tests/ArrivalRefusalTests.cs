using SpaceCombat.CircuitClient;
using SpaceCombat.LoadTest.Scenario;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>An arrival the server refuses (its busy page) is seen as such and named in the report, not left to time out.</summary>
public sealed class ArrivalRefusalTests
{
    // The words of SpaceCombat.Web's ArrivalAdmission.RefusedMessage, under the busy page's heading.
    private const string BusyPage = "The server is busy Too many players are joining right now and this server cannot queue any more. Reload this page in a minute.";

    /// <summary>A live page with one element carrying <paramref name="testId"/> and <paramref name="text"/>, as a render batch gives it.</summary>
    private static RenderTree LivePageWith(string testId, string text)
    {
        var tree = RenderTreeTests.TreeWithRoot();
        var batch = new RenderTreeTests.BatchWriter();
        batch.Element("div", subtree: 5);
        batch.Attribute("data-interactive", "true");
        batch.Element("div", subtree: 3);
        batch.Attribute("data-testid", testId);
        batch.Text(text);
        tree.Apply(batch.Diff(componentId: 1, (1, 0, 0, -1)));
        return tree;
    }

    [Fact]
    public void The_busy_page_fails_the_arrival_with_one_named_reason_and_says_who_arrived_where()
    {
        // The busy page's test id in README's automation contract.
        var page = LivePageWith("arrival-refused", BusyPage);

        Assert.True(page.IsInteractive());
        Assert.True(ArrivalRefusal.Shown(page));
        var failure = ArrivalRefusal.Failure("joiner", "join/ABC123", page.TextOf("arrival-refused"));
        Assert.Equal("arrival refused (server busy)", failure.Reason);
        Assert.Equal($"arrival refused (server busy): joiner opening /join/ABC123: {BusyPage}", failure.Message);
    }

    [Fact]
    public void A_page_that_arrived_is_not_taken_for_the_busy_page()
    {
        var setup = LivePageWith("setup-summary", "You: Scout · Enemy: a person, who picks a ship · Start: Medium");
        var refusedStart = LivePageWith(StartRefusal.ProblemTestId, "That battle code is not free.");

        Assert.False(ArrivalRefusal.Shown(setup));
        Assert.False(ArrivalRefusal.Shown(refusedStart));
    }

    [Fact]
    public void Refused_arrivals_are_counted_under_their_reason_in_the_levels_failures()
    {
        var stats = new LevelStats(battles: 3);
        foreach (var role in new[] { "creator", "joiner" })
        {
            stats.ArrivalRefused();
            stats.BattleFailed(ArrivalRefusal.Failure(role, "", null).Reason);
        }
        stats.BattleFailed("timeout:creator-set-up-page");

        Assert.Equal(2, stats.ArrivalsRefused);
        Assert.Equal(2, stats.Failures[ArrivalRefusal.Reason]);
        Assert.Equal(3, stats.Failed);
    }
}
