using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Keeps seat tokens in the player's browser (protected local storage: encrypted and signed by the server), one per
/// battle, so a reload, a reopened tab or a dropped connection returns the player to the same seat. A browser that
/// blocks site storage keeps its seats in this circuit only (<see cref="IsStorageBlocked"/>): they work for the tab's
/// lifetime, and a reload loses them.
/// </summary>
public sealed partial class SeatStore(ProtectedLocalStorage storage, ILogger<SeatStore> logger)
{
    private readonly Dictionary<string, string> _inCircuit = new(StringComparer.Ordinal);

    private static string Key(string battleId) => $"spacecombat.seat.{battleId}";

    /// <summary>True once the browser refused site storage: seats then live only as long as this circuit.</summary>
    public bool IsStorageBlocked { get; private set; }

    /// <summary>
    /// The battles whose stored seat could not be read in this circuit (the server's keys changed, or the value was
    /// altered): the page tells the player instead of silently showing them the battle as a spectator.
    /// </summary>
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    /// <summary>True when this browser held a seat for the battle that could not be read.</summary>
    public bool WasUnreadable(string battleId) => _unreadable.Contains(battleId);

    public async Task SaveAsync(SeatGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        _inCircuit[grant.BattleId] = grant.Token;
        _unreadable.Remove(grant.BattleId);
        if (IsStorageBlocked)
        {
            return;
        }
        try
        {
            await storage.SetAsync(Key(grant.BattleId), grant.Token);
        }
        catch (JSException exception)
        {
            StorageBlocked(exception);
        }
    }

    /// <summary>
    /// The token kept for the battle, or null: none, or unreadable (then <see cref="WasUnreadable"/> says so, and the
    /// useless value is removed from the browser).
    /// </summary>
    public async Task<string?> LoadAsync(string battleId)
    {
        if (_inCircuit.TryGetValue(battleId, out var kept) || IsStorageBlocked)
        {
            return kept;
        }
        try
        {
            var result = await storage.GetAsync<string>(Key(battleId));
            return result.Success ? result.Value : null;
        }
        catch (JSException exception)
        {
            StorageBlocked(exception);
            return null;
        }
        catch (CryptographicException exception)
        {
            LogUnreadableToken(logger, battleId, exception);
            _unreadable.Add(battleId);
            await storage.DeleteAsync(Key(battleId));
            return null;
        }
    }

    private void StorageBlocked(JSException exception)
    {
        IsStorageBlocked = true;
        LogStorageBlocked(logger, exception.Message);
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "This browser refused site storage ({Reason}): its seats last as long as its circuit")]
    private static partial void LogStorageBlocked(ILogger logger, string reason);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "A stored seat token for battle {BattleId} could not be read")]
    private static partial void LogUnreadableToken(ILogger logger, string battleId, Exception exception);
}
