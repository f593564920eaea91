using SpaceCombat.CircuitClient;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Web.Operations.WarmUp;

/// <summary>
/// One person-v-person battle the warm-up plays against itself, as two players do: the creator opens a scenario link
/// and starts the battle, the joiner opens the invite link and joins, both play to the result.
/// </summary>
internal static class PracticeBattle
{
    /// <summary>The scenarios played in turn: short battles that use lasers, missiles, sandcasters and point defence.</summary>
    public static readonly IReadOnlyList<(string Ship, string EnemyShip, RangeBand Range)> Scenarios =
    [
        ("patrol_corvette", "free_trader", RangeBand.Short),
        ("free_trader", "patrol_corvette", RangeBand.Short),
        ("mercenary_cruiser", "scout", RangeBand.Short),
        ("patrol_corvette", "safari_ship", RangeBand.Medium),
    ];

    /// <summary>Plays scenario <paramref name="index"/> (in turn) to its result; throws when it does not end as a battle should.</summary>
    public static async Task PlayAsync(int index, PlayerConnection connection, Uri baseUri, TimeProvider time, CancellationToken cancellationToken)
    {
        var (ship, enemyShip, range) = Scenarios[index % Scenarios.Count];
        await using var creator = new PracticePlayer(connection, baseUri, time);
        await creator.OpenAsync($"new?opponent=person&ship={ship}&range={range}", cancellationToken);
        await creator.ClickAsync("Start Battle", t => t.TextOf("invite-link") is not null, cancellationToken);
        var invite = new Uri(creator.Query(t => t.TextOf("invite-link"))!).AbsolutePath.TrimStart('/');

        await using var joiner = new PracticePlayer(connection, baseUri, time);
        await joiner.OpenAsync($"{invite}?ship={enemyShip}", cancellationToken);
        await joiner.ClickAsync("Join Battle", t => t.ByClass("sc-hud") is not null, cancellationToken);

        // Either seat failing stops the other, rather than leaving it to wait out its step timeout.
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seats = new[] { creator.PlayToResultAsync(either.Token), joiner.PlayToResultAsync(either.Token) };
        foreach (var seat in seats)
        {
            _ = seat.ContinueWith(_ => either.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        var results = await Task.WhenAll(seats);
        if (results is not ["Victory", "Defeat"] and not ["Defeat", "Victory"] and not ["Draw", "Draw"])
        {
            throw new WarmUpFailedException($"the two seats saw {results[0]} and {results[1]}");
        }
    }
}
