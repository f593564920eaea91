using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles.Cluster;
using SpaceCombat.Web.Battles.Journal;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// Every battle, each an Orleans grain keyed by its code. Codes are reserved in the journal, which also lists the
/// battles that exist with the end mark of each that ended (so the admin list sees every battle right after a restart,
/// calling only those still in play) and when each was last active (so the pruning pass calls only the battles that
/// may be inactive). Neither brings an ended battle back into memory.
/// A call Orleans could not deliver (the battle's node just died) is sent again (<see cref="UndeliveredCallRetry"/>).
/// </summary>
public sealed class GrainBattleRegistry(
    IGrainFactory grains,
    IBattleJournal journal,
    BattleOpener opener,
    BattleFeed feed,
    TimeProvider time,
    IOptions<SpaceCombatOptions> options) : IBattleRegistry
{
    private readonly BattleGrains _battles = new(grains);

    public async Task<(SeatGrant? Grant, string? Problem)> CreateAsync(NewBattleRequest request, CancellationToken cancellationToken = default)
    {
        if (request?.Validate() is { } problem)
        {
            return (null, problem);
        }
        var offer = await opener.OpenAsync(request!, knownSecondShip: null);
        return (offer.Grant, offer.Problem);
    }

    public async Task<(SeatGrant? Grant, string? Problem)> JoinAsync(string battleId, string shipId, CancellationToken cancellationToken = default)
    {
        if (Battle(battleId) is not { } battle)
        {
            return (null, NoSuchBattle(battleId));
        }
        var offer = await Retry(() => battle.JoinAsync(shipId), cancellationToken);
        return (offer.Grant, offer.Problem);
    }

    public async Task<BattleView?> GetAsync(string battleId, Side? viewer = null, CancellationToken cancellationToken = default) =>
        Battle(battleId) is { } battle && await Retry(() => battle.ViewAsync(viewer), cancellationToken) is { } view ? view.Value : null;

    /// <summary>
    /// Read from the journal, which holds every accepted command the battle has shown (write-ahead), and keeps it for
    /// <c>BattleRetention</c> after the battle is pruned.
    /// </summary>
    public async Task<BattleRecord?> GetRecordAsync(string battleId, CancellationToken cancellationToken = default) =>
        BattleCodes.Normalise(battleId) is { } code && await journal.ReadAsync(code) is { Opening: { } opening } kept
            ? new BattleRecord(opening, kept.Entries)
            : null;

    public async Task<Side?> SeatForAsync(string battleId, string? token, CancellationToken cancellationToken = default) =>
        Battle(battleId) is { } battle ? await Retry(() => battle.SeatForAsync(token), cancellationToken) : null;

    public async Task<ActionReply> ExecuteAsync(string battleId, string? token, BattleCommand command, CancellationToken cancellationToken = default)
    {
        if (command is null or Abandon or ExpireTurn or Forfeit)
        {
            return ActionReply.Refused("That is not an action a player can take.");
        }
        return Battle(battleId) is { } battle
            ? (await Retry(() => battle.ExecuteAsync(token, command.AsImmutable()), cancellationToken)).Value
            : ActionReply.Refused(NoSuchBattle(battleId));
    }

    public Task SeatPresenceAsync(string battleId, Side side, bool connected, CancellationToken cancellationToken = default) =>
        BattleCodes.Normalise(battleId) is { } code ? feed.SeatPresenceAsync(code, side, connected) : Task.CompletedTask;

    public async Task<(string? BattleId, string? Token)> RematchAsync(string battleId, string? token, CancellationToken cancellationToken = default)
    {
        if (Battle(battleId) is not { } battle)
        {
            return (null, null);
        }
        var offer = await Retry(() => battle.RematchAsync(token), cancellationToken);
        return (offer.BattleId, offer.Token);
    }

    public async Task<IDisposable?> SubscribeAsync(string battleId, Side? viewer, Action<BattleView> onChange) =>
        BattleCodes.Normalise(battleId) is { } code ? await feed.SubscribeAsync(code, viewer, onChange) : null;

    /// <summary>The battles in play from their grains, the ended ones from their end marks in the journal.</summary>
    public async Task<IReadOnlyList<BattleSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var kept = await journal.BattlesAsync();
        var inPlay = await SummariseAsync(kept, cancellationToken);
        var now = time.GetUtcNow();
        var ended = kept.Where(b => b.Ended is not null).Select(b => b.Ended!.Summary(b.Code, now));
        return inPlay.Concat(ended).OrderBy(b => b.Id, StringComparer.Ordinal).ToArray();
    }

    public async Task<int> BringBackAsync(CancellationToken cancellationToken = default) =>
        (await SummariseAsync(await journal.BattlesAsync(), cancellationToken)).Count;

    /// <summary>Calls each battle with no end mark (which activates it, its clocks re-armed): the ones still in play.</summary>
    private async Task<IReadOnlyList<BattleSummary>> SummariseAsync(IEnumerable<KeptBattle> kept, CancellationToken cancellationToken)
    {
        var summaries = await Task.WhenAll(kept.Where(b => b.Ended is null)
            .Select(b => Retry(() => _battles.Get(b.Code).SummariseAsync(), cancellationToken)));
        return summaries.OfType<BattleSummary>().ToArray();
    }

    public async Task<bool> EndAsync(string battleId, CancellationToken cancellationToken = default) =>
        Battle(battleId) is { } battle && await Retry(() => battle.EndAsync(), cancellationToken);

    /// <summary>Each battle the journal finds inactive decides for itself (its grain holds the latest word on its activity).</summary>
    public async Task<int> PruneInactiveAsync(CancellationToken cancellationToken = default)
    {
        var codes = await journal.InactiveSinceAsync(time.GetUtcNow() - options.Value.CombatInactiveTimeout);
        var pruned = await Task.WhenAll(codes.Select(code => Retry(() => _battles.Get(code).PruneIfInactiveAsync(), cancellationToken)));
        await journal.RemoveExpiredAsync(time.GetUtcNow());
        return pruned.Count(p => p);
    }

    private Task<T> Retry<T>(Func<Task<T>> call, CancellationToken cancellationToken) => UndeliveredCallRetry.CallAsync(call, time, cancellationToken);

    private IBattleGrain? Battle(string? battleId) =>
        BattleCodes.Normalise(battleId) is { } code ? _battles.Get(code) : null;

    private static string NoSuchBattle(string? battleId) => $"There is no battle '{battleId}': it may have ended and been cleared away.";
}
