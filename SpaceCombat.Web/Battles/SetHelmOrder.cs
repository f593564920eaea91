using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Web.Battles;

public enum HelmOrderKind
{
    /// <summary>Take the helm back: the seat's standing order ends.</summary>
    Cancel,

    /// <summary>Close with full thrust each turn until a weapon can act.</summary>
    CloseToFiringRange,

    /// <summary>Open with full thrust each turn until <see cref="SetHelmOrder.Goal"/> is reached.</summary>
    OpenToRange,
}

/// <summary>
/// A player's standing helm order for their seat. A command to the battle's host, not to the engine: the host keeps
/// the order (see <see cref="StandingHelmOrder"/>) and gives its manoeuvres and End Turns at the start of each of the
/// seat's turns, so it runs even when the player's tab is slow.
/// </summary>
public sealed record SetHelmOrder(Side Side, HelmOrderKind Order, RangeBand? Goal = null) : BattleCommand(Side)
{
    public override string Kind => "helm_order";
}

/// <summary>A seat's standing order as its HUD shows it: what it is doing, or why it last ended by itself.</summary>
public sealed record HelmOrderStatus(string? Standing, string? Ended);
