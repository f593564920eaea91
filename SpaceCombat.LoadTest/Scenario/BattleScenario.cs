namespace SpaceCombat.LoadTest.Scenario;

/// <summary>A battle failed; <see cref="Reason"/> is the short, grouped reason shown in the report.</summary>
public sealed class BattleFailedException(string reason, string? detail = null) : Exception(detail is null ? reason : $"{reason}: {detail}")
{
    public string Reason { get; } = reason;
}

/// <summary>Plays whole battles with one kind of client (headless circuits or browsers).</summary>
public interface IBattleDriver : IAsyncDisposable
{
    /// <summary>Plays one battle of <paramref name="plan"/> to its result; returns the result texts (e.g. "Victory/Defeat"); throws <see cref="BattleFailedException"/>.</summary>
    Task<string> PlayBattleAsync(int index, BattlePlan plan, SetupToken setup, CancellationToken cancellationToken);
}

/// <summary>One battle's handle on its level: its stats, and the set-up barrier of --sync-start.</summary>
public sealed class SetupToken(LevelStats stats)
{
    private int _done;
    private int _play;

    public LevelStats Stats { get; } = stats;

    /// <summary>Both players are in the battle: it counts as in play until <see cref="Ended"/>.</summary>
    public void PlayBegan()
    {
        if (Interlocked.CompareExchange(ref _play, 1, 0) == 0)
        {
            Stats.PlayBegan();
        }
    }

    /// <summary>The battle is over, however it ended: its set-up is done and it no longer counts as in play.</summary>
    public void Ended()
    {
        Done();
        if (Interlocked.Exchange(ref _play, 2) == 1)
        {
            Stats.PlayEnded();
        }
    }

    /// <summary>Both players are in the battle (or it failed): counts once.</summary>
    public void Done()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            Stats.SetupEnded();
        }
    }

    /// <summary>With --sync-start, waits until every battle of the level is set up; otherwise returns at once.</summary>
    public Task BarrierAsync(LoadTestOptions options, CancellationToken cancellationToken) =>
        options.SyncStart ? Stats.AllReady.WaitAsync(cancellationToken) : Task.CompletedTask;
}

public static class BattleRules
{
    public static readonly string[] Weapons = ["Fire", "Launch Missile"];
    public const string RateLimitText = "Rate limit exceeded";

    /// <summary>Both players' result panels agree: one Victory and one Defeat, or both Draw.</summary>
    public static bool PairConsistent(string creator, string joiner) =>
        (creator, joiner) is ("Victory", "Defeat") or ("Defeat", "Victory") or ("Draw", "Draw");

    public static bool SoloValid(string result) => result is "Victory" or "Defeat" or "Draw";

    /// <summary>A solo battle after Start Battle: waits at the barrier, plays to the result and records it.</summary>
    public static async Task<string> FinishSoloAsync(SetupToken setup, LoadTestOptions options, long started, Func<CancellationToken, Task<string>> playToResult, CancellationToken cancellationToken)
    {
        setup.Done();
        setup.PlayBegan();
        await setup.BarrierAsync(options, cancellationToken);
        var result = await playToResult(cancellationToken);
        var stats = setup.Stats;
        stats.BattleCompleted(System.Diagnostics.Stopwatch.GetElapsedTime(options.SyncStart ? Math.Max(started, stats.AllReadyTimestamp) : started), result);
        return SoloValid(result) ? result : throw new BattleFailedException("wrong-result", result);
    }

    /// <summary>The set-up page with the plan already chosen, as a shared scenario link opens it.</summary>
    public static string SetupPath(LoadTestOptions options, BattlePlan plan) => options.Solo
        ? $"new?opponent=ai&ship={Uri.EscapeDataString(plan.Ship)}&enemyShip={Uri.EscapeDataString(plan.EnemyShip)}&range={Uri.EscapeDataString(plan.Range)}"
        : $"new?opponent=person&ship={Uri.EscapeDataString(plan.Ship)}&range={Uri.EscapeDataString(plan.Range)}";

    public static string JoinQuery(BattlePlan plan) => $"?ship={Uri.EscapeDataString(plan.EnemyShip)}";
}
