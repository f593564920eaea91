using System.Text.Json.Serialization;
using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// What a battle holds besides its logbook, kept with it so a restarted server gives every player back their seat and
/// runs out every clock on time: the seat tokens, the deadlines, the rematch, when a player last acted, and the seats'
/// standing helm orders (<see cref="HelmOrders"/>: absent from records written before they were kept, and when none stands).
/// </summary>
public sealed record BattleSeats(
    string? TokenOne,
    string? TokenTwo,
    BattleDeadlines Deadlines,
    string? RematchId,
    string? RematchTokenOne,
    string? RematchTokenTwo,
    bool AbandonedWhileWaiting,
    DateTimeOffset LastActivity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StandingHelmOrderState>? HelmOrders = null)
{
    public static BattleSeats Empty { get; } = new(null, null, BattleDeadlines.None, null, null, null, false, DateTimeOffset.MinValue);

    public string? Token(Side side) => side == Side.One ? TokenOne : TokenTwo;

    /// <summary>The seat a token proves, or null (a spectator). Tokens are compared exactly.</summary>
    public Side? SeatFor(string? token) =>
        string.IsNullOrEmpty(token) ? null : token == TokenOne ? Side.One : token == TokenTwo ? Side.Two : null;

    public string? RematchToken(Side side) => side == Side.One ? RematchTokenOne : RematchTokenTwo;

    /// <summary>Whether <paramref name="helmOrders"/> are the ones kept here (a list compares by its items, not as a reference).</summary>
    public bool KeepsHelmOrders(IReadOnlyList<StandingHelmOrderState>? helmOrders) =>
        (HelmOrders ?? []).SequenceEqual(helmOrders ?? []);
}

/// <summary>
/// The clocks of a battle as data: the turn that runs out at <see cref="TurnEndsAt"/> and when each seat forfeits
/// unless its player comes back. A grain re-arms its timers from these when it is activated.
/// </summary>
public sealed record BattleDeadlines(int TimedTurn, Side? TimedSide, DateTimeOffset? TurnEndsAt, DateTimeOffset? SeatOneForfeitsAt, DateTimeOffset? SeatTwoForfeitsAt)
{
    public static BattleDeadlines None { get; } = new(0, null, null, null, null);

    public DateTimeOffset? ForfeitsAt(Side side) => side == Side.One ? SeatOneForfeitsAt : SeatTwoForfeitsAt;

    public BattleDeadlines WithForfeit(Side side, DateTimeOffset? at) =>
        side == Side.One ? this with { SeatOneForfeitsAt = at } : this with { SeatTwoForfeitsAt = at };
}
