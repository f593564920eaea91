using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles;

/// <summary>The single-server registry: battles in memory, O(1) by id, each behind its own <see cref="BattleHost"/>.</summary>
public sealed class InMemoryBattleRegistry(
    IDice dice,
    TimeProvider time,
    IOptions<SpaceCombatOptions> options,
    SpaceCombatMetrics metrics,
    ILogger<InMemoryBattleRegistry> logger) : IBattleRegistry, IDisposable
{
    private readonly ConcurrentDictionary<string, BattleHost> _battles = new(StringComparer.Ordinal);

    public Task<(SeatGrant? Grant, string? Problem)> CreateAsync(NewBattleRequest request, CancellationToken cancellationToken = default)
    {
        if (request?.Validate() is { } problem)
        {
            return Task.FromResult<(SeatGrant?, string?)>((null, problem));
        }
        var (creator, _) = Open(request!, knownSecondShip: null);
        return Task.FromResult<(SeatGrant?, string?)>((creator, null));
    }

    public Task<(SeatGrant? Grant, string? Problem)> JoinAsync(string battleId, string shipId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(battleId) is { } host ? host.Join(shipId) : (null, NoSuchBattle(battleId)));

    public Task<BattleView?> GetAsync(string battleId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(battleId)?.View);

    public Task<BattleRecord?> GetRecordAsync(string battleId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(battleId)?.Record());

    public Task<Side?> SeatForAsync(string battleId, string? token, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(battleId)?.SeatFor(token));

    public Task<ActionReply> ExecuteAsync(string battleId, string? token, BattleCommand command, CancellationToken cancellationToken = default)
    {
        if (command is null or Abandon or ExpireTurn or Forfeit)
        {
            return Task.FromResult(ActionReply.Refused("That is not an action a player can take."));
        }
        return Task.FromResult(Find(battleId) is { } host
            ? host.Execute(token, side => command with { Side = side })
            : ActionReply.Refused(NoSuchBattle(battleId)));
    }

    public Task SeatPresenceAsync(string battleId, Side side, bool connected, CancellationToken cancellationToken = default)
    {
        Find(battleId)?.SeatPresence(side, connected);
        return Task.CompletedTask;
    }

    public Task<(string? BattleId, string? Token)> RematchAsync(string battleId, string? token, CancellationToken cancellationToken = default)
    {
        if (Find(battleId) is not { } host)
        {
            return Task.FromResult<(string?, string?)>((null, null));
        }
        var rematchId = host.RematchIdFor(token, (request, secondShip) => Open(request, secondShip), out var newToken);
        return Task.FromResult((rematchId, newToken));
    }

    public IDisposable? Subscribe(string battleId, Action<BattleView> onChange) => Find(battleId)?.Subscribe(onChange);

    public IReadOnlyList<BattleSummary> List()
    {
        var now = time.GetUtcNow();
        return _battles.Values.Select(b => b.Summarise(now)).OrderBy(b => b.Id, StringComparer.Ordinal).ToArray();
    }

    public Task<bool> EndAsync(string battleId, CancellationToken cancellationToken = default)
    {
        if (Find(battleId) is not { } host)
        {
            return Task.FromResult(false);
        }
        host.Abandon();
        Remove(host);
        logger.LogInformation("Battle {BattleId} ended by an operator", battleId);
        return Task.FromResult(true);
    }

    public int PruneInactive()
    {
        var now = time.GetUtcNow();
        var timeout = options.Value.CombatInactiveTimeout;
        var pruned = 0;
        foreach (var host in _battles.Values)
        {
            if (now - host.LastActivity < timeout)
            {
                continue;
            }
            host.Abandon();
            if (Remove(host))
            {
                pruned++;
                metrics.BattlePruned();
                logger.LogInformation("Battle {BattleId} pruned after {Inactive} without an accepted command", host.Id, now - host.LastActivity);
            }
        }
        return pruned;
    }

    public void Dispose()
    {
        foreach (var host in _battles.Values)
        {
            host.Dispose();
        }
        _battles.Clear();
    }

    private (SeatGrant Creator, SeatGrant? Second) Open(NewBattleRequest request, string? knownSecondShip)
    {
        BattleHost host;
        do
        {
            host = new BattleHost(BattleCodes.NewBattleCode(), request, dice, time, options.Value, metrics, logger);
        }
        while (!_battles.TryAdd(host.Id, host));
        metrics.BattleStarted();
        logger.LogInformation("Battle {BattleId} created: {Ship} vs {Opponent} at {Band}", host.Id, request.Ship, request.Opponent, request.StartBand);
        return host.Open(knownSecondShip);
    }

    private bool Remove(BattleHost host)
    {
        if (!_battles.TryRemove(new KeyValuePair<string, BattleHost>(host.Id, host)))
        {
            return false;
        }
        host.Dispose();
        metrics.BattleEnded();
        return true;
    }

    private BattleHost? Find(string? battleId) =>
        BattleCodes.Normalise(battleId) is { } code && _battles.TryGetValue(code, out var host) ? host : null;

    private static string NoSuchBattle(string? battleId) => $"There is no battle '{battleId}': it may have ended and been cleared away.";
}
