using SpaceCombat.CircuitClient;

namespace SpaceCombat.LoadTest.Scenario;

/// <summary>
/// What the set-up page says when the server refuses "Start Battle" (its <c>setup-problem</c> message: the per-client
/// battle-creation limit, a battle code that was not free, a request the server rejects), and what a player does about
/// it. The battle fails with the message itself as its reason, so a refused start is counted by its cause instead of
/// as a timeout; a message that asks the player to wait is tried again later, as a person would.
/// </summary>
internal sealed record StartRefusal(string Message)
{
    public const string ProblemTestId = "setup-problem";

    /// <summary>How many times a player clicks "Start Battle" in all when told to wait: the limit is per sliding minute, so the last try comes after it.</summary>
    public const int MaxAttempts = 5;

    /// <summary>How long a player told to wait waits before reloading the set-up page and clicking again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(15);

    /// <summary>The problem the set-up page shows, or null when it shows none.</summary>
    public static StartRefusal? On(RenderTree tree) => tree.TextOf(ProblemTestId) is { Length: > 0 } text ? new StartRefusal(text) : null;

    /// <summary>Whether the start was answered: the battle page (the invite link or the HUD) or a problem on the set-up page.</summary>
    public static bool Answered(RenderTree tree) => Started(tree) || tree.ByTestId(ProblemTestId) is not null;

    /// <summary>Whether the battle page is showing: the creator's invite link (a person battle) or the HUD (one against the AI).</summary>
    public static bool Started(RenderTree tree) => tree.ByTestId("invite-link") is not null || tree.ByClass("sc-hud") is not null;

    /// <summary>The message asks the player to wait and try again (the battle-creation limit says "wait a moment").</summary>
    public bool SaysWait =>
        Message.Contains("wait", StringComparison.OrdinalIgnoreCase) || Message.Contains("try again", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a player tries again after <paramref name="attempts"/> clicks refused with this message.</summary>
    public bool TriesAgain(int attempts) => SaysWait && attempts < MaxAttempts;

    /// <summary>The battle's failure: the reason names the page's own words (one reason per distinct message).</summary>
    public BattleFailedException Failure(int attempts) =>
        new($"start-refused:{Message}", attempts > 1 ? $"after {attempts} tries" : null);
}
