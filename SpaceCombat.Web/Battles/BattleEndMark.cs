using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// What the admin list shows of a battle that ended, kept beside it in the journal from the step that ended it: an
/// ended battle is listed from this, not by calling its grain (which would bring it back into memory).
/// </summary>
public sealed record BattleEndMark(OpponentKind Opponent, string ShipOne, string? ShipTwo, int Round, BattleOutcome Outcome, DateTimeOffset At)
{
    /// <summary>The battle as the admin dashboard lists it at <paramref name="now"/>: idle since it ended, on no node (it is not asked).</summary>
    public BattleSummary Summary(string code, DateTimeOffset now) =>
        new(code, Opponent, BattlePhase.Over, ShipOne, ShipTwo, Round, 0, now - At) { Outcome = Outcome, EndedAt = At };
}
