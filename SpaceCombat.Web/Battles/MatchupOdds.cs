using System.Collections.Concurrent;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Web.Battles;

/// <summary>How often the first ship beat the second in AI-against-AI battles from one starting band.</summary>
public sealed record MatchupResult(string Ship, string Enemy, RangeBand Band, int Battles, int Wins, int Draws)
{
    public double WinRate => Battles == 0 ? 0 : (double)Wins / Battles;

    public double LossRate => Battles == 0 ? 0 : (double)(Battles - Wins - Draws) / Battles;
}

/// <summary>
/// The set-up page's match-up odds, from the engine itself: a bounded number of AI-against-AI battles with seeded
/// dice (the same figures on every run), computed in the background the first time a pairing and band is asked for,
/// one computation at a time, and cached for the server's life (at most one entry per pairing and band of the fixed
/// roster). Computed on demand rather than all at start-up: the whole roster is 343 match-ups, several seconds of
/// one core that every start of the app (and every test host) would pay.
/// </summary>
public sealed class MatchupOdds
{
    /// <summary>AI-against-AI battles per match-up: about 80 ms of one core, enough to tell 3 % from 30 %.</summary>
    public const int BattlesPerMatchup = 200;

    private const int Seed = 20_20;

    private readonly ConcurrentDictionary<(string Ship, string Enemy, RangeBand Band), Lazy<Task<MatchupResult>>> results = new();
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>The match-up's result, computed once; null for an unknown ship or band (nothing is computed).</summary>
    public Task<MatchupResult>? GetAsync(string ship, string enemy, RangeBand band)
    {
        if (!ShipRoster.TryGet(ship, out var one) || !ShipRoster.TryGet(enemy, out var two) || !Enum.IsDefined(band))
        {
            return null;
        }
        var key = (one.Id, two.Id, band);
        return results.GetOrAdd(key, k => new Lazy<Task<MatchupResult>>(() => Task.Run(() => ComputeAsync(k.Ship, k.Enemy, k.Band)))).Value;
    }

    /// <summary>The result when already computed (no waiting), else null.</summary>
    public MatchupResult? Cached(string ship, string enemy, RangeBand band) =>
        results.TryGetValue((ship, enemy, band), out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result : null;

    private async Task<MatchupResult> ComputeAsync(string ship, string enemy, RangeBand band)
    {
        await oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            return Play(ship, enemy, band, BattlesPerMatchup);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>Plays the battles (deterministic: seeded dice).</summary>
    public static MatchupResult Play(string ship, string enemy, RangeBand band, int battles)
    {
        var dice = new SeededDice(Seed);
        var setup = new BattleSetup(ship, enemy, band);
        int wins = 0, draws = 0;
        for (var i = 0; i < battles; i++)
        {
            var outcome = AiDuel.Play(setup, dice).Outcome!;
            if (outcome.Winner == Side.One)
            {
                wins++;
            }
            else if (outcome.Winner is null)
            {
                draws++;
            }
        }
        return new MatchupResult(ship, enemy, band, battles, wins, draws);
    }
}
