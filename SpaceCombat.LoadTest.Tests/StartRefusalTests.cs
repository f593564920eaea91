using SpaceCombat.CircuitClient;
using SpaceCombat.LoadTest.Scenario;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>A start the set-up page refuses is seen as such (its message, not a timeout), and retried only when it says to wait.</summary>
public sealed class StartRefusalTests
{
    // The words of SpaceCombat.Web's ClientLimits.BattlesRefusedMessage and of a battle grain's refusal.
    private const string CreationLimit = "You have created too many battles in the last minute: wait a moment before creating another.";
    private const string CodeNotFree = "That battle code is not free.";

    /// <summary>A page with one element carrying <paramref name="testId"/> and <paramref name="text"/>, as a render batch gives it.</summary>
    private static RenderTree PageWith(string testId, string text)
    {
        var tree = RenderTreeTests.TreeWithRoot();
        var batch = new RenderTreeTests.BatchWriter();
        batch.Element("div", subtree: 3);
        batch.Attribute("data-testid", testId);
        batch.Text(text);
        tree.Apply(batch.Diff(componentId: 1, (1, 0, 0, -1)));
        return tree;
    }

    [Fact]
    public void A_problem_on_the_setup_page_answers_the_click_and_fails_the_battle_with_the_pages_words()
    {
        var page = PageWith(StartRefusal.ProblemTestId, CodeNotFree);

        Assert.True(StartRefusal.Answered(page));
        Assert.False(StartRefusal.Started(page));
        var refusal = StartRefusal.On(page)!;
        Assert.Equal(CodeNotFree, refusal.Message);
        Assert.False(refusal.TriesAgain(attempts: 1));
        var failure = refusal.Failure(attempts: 1);
        Assert.Equal("start-refused:That battle code is not free.", failure.Reason);
        Assert.Equal(failure.Reason, failure.Message);
    }

    [Fact]
    public void The_battle_creation_limit_says_to_wait_so_the_player_tries_again_until_the_minute_has_passed()
    {
        var refusal = StartRefusal.On(PageWith(StartRefusal.ProblemTestId, CreationLimit))!;

        Assert.True(refusal.SaysWait);
        Assert.All(Enumerable.Range(1, StartRefusal.MaxAttempts - 1), attempts => Assert.True(refusal.TriesAgain(attempts)));
        Assert.False(refusal.TriesAgain(StartRefusal.MaxAttempts));
        Assert.True(StartRefusal.RetryAfter * (StartRefusal.MaxAttempts - 1) >= TimeSpan.FromMinutes(1), "the last try comes after the limit's sliding minute");
        var failure = refusal.Failure(StartRefusal.MaxAttempts);
        Assert.Equal($"start-refused:{CreationLimit}", failure.Reason);
        Assert.EndsWith("after 5 tries", failure.Message);
    }

    [Fact]
    public void The_battle_page_is_a_start_and_a_page_still_waiting_has_answered_nothing()
    {
        var started = PageWith("invite-link", "http://127.0.0.1/join/ABC123");
        var waiting = PageWith("setup-summary", "You: Scout · Enemy: a person, who picks a ship · Start: Medium");

        Assert.True(StartRefusal.Started(started));
        Assert.True(StartRefusal.Answered(started));
        Assert.Null(StartRefusal.On(started));
        Assert.False(StartRefusal.Answered(waiting));
        Assert.Null(StartRefusal.On(waiting));
    }
}
