using Orleans.Concurrency;
using SpaceCombat.Web.Battles.Journal;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// Opens new battles: draws a code, reserves it in the journal (an insert that fails when the code is taken, so two
/// servers never hand out one code twice), then lets the code's grain open the battle. A code the grain will not open
/// (the battle was ended between its reservation and its opening) is left as it is and another one drawn: a player
/// never chooses a code, so never hears about one.
/// </summary>
public sealed partial class BattleOpener(IGrainFactory grains, IBattleJournal journal, TimeProvider time, SpaceCombatMetrics metrics, ILogger<BattleOpener> logger)
{
    /// <summary>How many codes one opening draws at most: with 31^6 codes, more than one is already a rare event.</summary>
    public const int MaxCodeDraws = 8;

    private readonly BattleGrains _battles = new(grains);

    public const string NoFreeCode = "No free battle code could be found just now: please try again.";

    public async Task<SeatOffer> OpenAsync(NewBattleRequest request, string? knownSecondShip)
    {
        for (var draw = 0; draw < MaxCodeDraws; draw++)
        {
            var code = BattleCodes.NewBattleCode();
            if (!await journal.ReserveAsync(code, request, time.GetUtcNow()))
            {
                continue;
            }
            // Counted from the reservation: a reserved battle is live until it is forgotten, which counts its end.
            metrics.BattleStarted();
            var offer = await _battles.Get(code).OpenAsync(request, knownSecondShip);
            if (offer.Grant is null)
            {
                NotOpened(logger, code, offer.Problem);
                continue;
            }
            Created(logger, code, request.Ship, request.Opponent, request.StartBand);
            return offer;
        }
        NoCodeOpened(logger, MaxCodeDraws);
        return new SeatOffer(null, NoFreeCode);
    }

    [LoggerMessage(LogLevel.Information, "Battle {BattleId} created: {Ship} vs {Opponent} at {Band}")]
    private static partial void Created(ILogger logger, string battleId, string ship, OpponentKind opponent, Core.Rules.RangeBand band);

    [LoggerMessage(LogLevel.Warning, "Battle code {BattleId} was reserved but its grain did not open it ({Problem}); drawing another code")]
    private static partial void NotOpened(ILogger logger, string battleId, string? problem);

    [LoggerMessage(LogLevel.Error, "No battle could be opened after {Draws} battle codes")]
    private static partial void NoCodeOpened(ILogger logger, int draws);
}
