using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Web.Battles;

public enum BattlePhase
{
    WaitingForOpponent,
    InProgress,
    Over,
}

/// <summary>
/// An immutable picture of a battle for views: what every player and spectator of the battle is shown.
/// Hidden information (a salvo's launch check) is in <see cref="Log"/> but only shown to its launcher by the views.
/// </summary>
[Orleans.Immutable]
public sealed record BattleView(
    string Id,
    OpponentKind Opponent,
    BattlePhase Phase,
    string ShipOne,
    string? ShipTwo,
    RangeBand StartBand,
    BattleSnapshot? Snapshot,
    BattleOutcome? Outcome,
    IReadOnlyList<BattleEvent> Log,
    DateTimeOffset? TurnDeadline,
    bool SeatOneConnected,
    bool SeatTwoConnected,
    string? RematchId,
    DateTimeOffset LastActivity,
    long Version)
{
    /// <summary>Seat one's standing helm order; null when it has none.</summary>
    public HelmOrderStatus? HelmOrderOne { get; init; }

    /// <summary>Seat two's standing helm order; null when it has none.</summary>
    public HelmOrderStatus? HelmOrderTwo { get; init; }

    public HelmOrderStatus? HelmOrder(Side side) => side == Side.One ? HelmOrderOne : HelmOrderTwo;

    /// <summary>When seat One forfeits unless its player returns; null while connected (or when no battle runs).</summary>
    public DateTimeOffset? SeatOneForfeitsAt { get; init; }

    /// <summary>When seat Two forfeits unless its player returns; null while connected (or when no battle runs).</summary>
    public DateTimeOffset? SeatTwoForfeitsAt { get; init; }

    public DateTimeOffset? ForfeitsAt(Side side) => side == Side.One ? SeatOneForfeitsAt : SeatTwoForfeitsAt;
}

/// <summary>One battle kept (in play or ended, not yet pruned) as the admin dashboard lists it.</summary>
[Orleans.Immutable]
public sealed record BattleSummary(
    string Id,
    OpponentKind Opponent,
    BattlePhase Phase,
    string ShipOne,
    string? ShipTwo,
    int Round,
    int PlayersConnected,
    TimeSpan IdleTime)
{
    /// <summary>The node (its <c>Cluster:NodeId</c>) whose silo holds the battle's grain now; null for an ended battle listed from the journal.</summary>
    public string? Node { get; init; }

    /// <summary>How an ended battle ended; null while it is waiting or in play.</summary>
    public BattleOutcome? Outcome { get; init; }

    /// <summary>When an ended battle ended (as its journal's end mark says); null while it is waiting or in play.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public bool IsOver => Phase == BattlePhase.Over;
}

/// <summary>The answer to a player's action: accepted, or refused with a message to show.</summary>
[Orleans.Immutable]
public sealed record ActionReply(bool Accepted, string? Message, IReadOnlyList<BattleEvent> Events)
{
    /// <summary>The battle after an accepted action, as the acting seat sees it: its page shows it without waiting for the broadcast.</summary>
    public BattleView? View { get; init; }

    public static ActionReply Refused(string message) => new(false, message, []);

    public static ActionReply Ok(IReadOnlyList<BattleEvent> events) => new(true, null, events);
}

/// <summary>A seat handed to a player: the battle and the token that proves the seat.</summary>
[Orleans.Immutable]
public sealed record SeatGrant(string BattleId, Side Side, string Token);
