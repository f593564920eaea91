using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Every battle (one Orleans grain each, see <see cref="Grains.GrainBattleRegistry"/>). Commands name no trusted side:
/// the seat proven by the token decides it. Views are given as a viewer (a seat, or null for a spectator) may see them.
/// </summary>
public interface IBattleRegistry
{
    Task<(SeatGrant? Grant, string? Problem)> CreateAsync(NewBattleRequest request, CancellationToken cancellationToken = default);

    Task<(SeatGrant? Grant, string? Problem)> JoinAsync(string battleId, string shipId, CancellationToken cancellationToken = default);

    Task<BattleView?> GetAsync(string battleId, Side? viewer = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The battle's whole record (its logbook: every accepted command with its dice), or null when there is no such
    /// battle or it has not started. The full log is replayed from it (<see cref="BattleRecord.Events"/>).
    /// </summary>
    Task<BattleRecord?> GetRecordAsync(string battleId, CancellationToken cancellationToken = default);

    /// <summary>The seat the token proves in the battle, or null for a spectator.</summary>
    Task<Side?> SeatForAsync(string battleId, string? token, CancellationToken cancellationToken = default);

    /// <summary>Runs a player's command as the token's seat (the command's own side is ignored).</summary>
    Task<ActionReply> ExecuteAsync(string battleId, string? token, BattleCommand command, CancellationToken cancellationToken = default);

    Task SeatPresenceAsync(string battleId, Side side, bool connected, CancellationToken cancellationToken = default);

    /// <summary>The rematch of an ended battle (created once, for both players) and the caller's new seat token.</summary>
    Task<(string? BattleId, string? Token)> RematchAsync(string battleId, string? token, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to one battle's changes as <paramref name="viewer"/> sees them; null when the code cannot be a battle's. Dispose to unsubscribe.</summary>
    Task<IDisposable?> SubscribeAsync(string battleId, Side? viewer, Action<BattleView> onChange);

    /// <summary>
    /// Every battle kept (so right after a restart too), as the admin dashboard lists them: those in play as their
    /// grains tell, the ended ones as the journal's end mark tells (their grains are not called, so not brought back).
    /// </summary>
    Task<IReadOnlyList<BattleSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls every kept battle that has not ended, so each is in memory with its clocks armed (at start-up, or after a
    /// node left); an ended battle has no clock to run and comes back at its next look-up. Returns how many it called.
    /// </summary>
    Task<int> BringBackAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends a battle as abandoned and removes it, its record kept for <c>BattleRetention</c> (an operator's "End battle").</summary>
    Task<bool> EndAsync(string battleId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends and removes every battle with no accepted command for the inactivity timeout (its record stays for
    /// <c>BattleRetention</c>), and removes the records whose retention has passed; returns how many battles it ended.
    /// </summary>
    Task<int> PruneInactiveAsync(CancellationToken cancellationToken = default);
}
