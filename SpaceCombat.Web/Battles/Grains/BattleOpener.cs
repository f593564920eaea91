using Orleans.Concurrency;
using SpaceCombat.Web.Battles.Journal;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// Opens new battles: draws a code, reserves it in the journal (an insert that fails when the code is taken, so two
/// servers never hand out one code twice), then lets the code's grain open the battle.
/// </summary>
public sealed partial class BattleOpener(IGrainFactory grains, IBattleJournal journal, TimeProvider time, SpaceCombatMetrics metrics, ILogger<BattleOpener> logger)
{
    public async Task<SeatOffer> OpenAsync(NewBattleRequest request, string? knownSecondShip)
    {
        string code;
        do
        {
            code = BattleCodes.NewBattleCode();
        }
        while (!await journal.ReserveAsync(code, request, time.GetUtcNow()));
        metrics.BattleStarted();
        Created(logger, code, request.Ship, request.Opponent, request.StartBand);
        return await grains.GetGrain<IBattleGrain>(code).OpenAsync(request, knownSecondShip);
    }

    [LoggerMessage(LogLevel.Information, "Battle {BattleId} created: {Ship} vs {Opponent} at {Band}")]
    private static partial void Created(ILogger logger, string battleId, string ship, OpponentKind opponent, Core.Rules.RangeBand band);
}
