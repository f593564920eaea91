using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Keeps seat tokens in the player's browser (protected local storage: encrypted and signed by the server), one per
/// battle, so a reload, a reopened tab or a dropped connection returns the player to the same seat.
/// </summary>
public sealed class SeatStore(ProtectedLocalStorage storage, ILogger<SeatStore> logger)
{
    private static string Key(string battleId) => $"spacecombat.seat.{battleId}";

    public async Task SaveAsync(SeatGrant grant) => await storage.SetAsync(Key(grant.BattleId), grant.Token);

    /// <summary>The token kept for the battle, or null (none, or unreadable: then the viewer is a spectator).</summary>
    public async Task<string?> LoadAsync(string battleId)
    {
        try
        {
            var result = await storage.GetAsync<string>(Key(battleId));
            return result.Success ? result.Value : null;
        }
        catch (CryptographicException exception)
        {
            logger.LogWarning(exception, "A stored seat token for battle {BattleId} could not be read", battleId);
            await storage.DeleteAsync(Key(battleId));
            return null;
        }
    }
}
