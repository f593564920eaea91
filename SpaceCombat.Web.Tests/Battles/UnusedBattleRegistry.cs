using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// A registry for tests of the services around it: each test's fake overrides the calls it expects, and any other call
/// fails the test.
/// </summary>
internal abstract class UnusedBattleRegistry : IBattleRegistry
{
    public virtual Task<(SeatGrant? Grant, string? Problem)> CreateAsync(NewBattleRequest request, CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<(SeatGrant? Grant, string? Problem)> JoinAsync(string battleId, string shipId, CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<BattleView?> GetAsync(string battleId, Side? viewer = null, CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<BattleRecord?> GetRecordAsync(string battleId, CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<Side?> SeatForAsync(string battleId, string? token, CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<ActionReply> ExecuteAsync(string battleId, string? token, BattleCommand command, CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task SeatPresenceAsync(string battleId, Side side, bool connected, CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<(string? BattleId, string? Token)> RematchAsync(string battleId, string? token, CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<IDisposable?> SubscribeAsync(string battleId, Side? viewer, Action<BattleView> onChange) => throw Unexpected();
    public virtual Task<IReadOnlyList<BattleSummary>> ListAsync(CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<int> BringBackAsync(CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<int> PruneInactiveAsync(CancellationToken cancellationToken = default) => throw Unexpected();
    public virtual Task<bool> EndAsync(string battleId, CancellationToken cancellationToken = default) => throw Unexpected();

    private NotSupportedException Unexpected() => new($"{GetType().Name} was not expecting this call.");
}
