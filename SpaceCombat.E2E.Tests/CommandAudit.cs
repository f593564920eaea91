using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Checks a battle's whole event log against the commands its players sent: every event a command caused is by the
/// side whose turn it was, and is one of the commands that side's player sent in that turn (each sent command accounts
/// for at most one). The battle must have ended by a ship's destruction, never by a surrender, forfeit or timer.
/// </summary>
internal static class CommandAudit
{
    public static IEnumerable<string> Check(BattleView view, IReadOnlyList<SentCommand> sent)
    {
        var unclaimed = sent.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var turn = 0;
        Side? active = null;
        foreach (var e in view.Log)
        {
            var (side, kind) = e switch
            {
                TurnStarted started => (Set(started), null),
                LaserAttack attack => (attack.Side, "fire"),
                MissilesLaunched launch => (launch.Side, "launch_missile"),
                PointDefenceFired defence => (defence.Side, "point_defence"),
                SandCast sand => (sand.Side, "sandcaster"),
                Manoeuvred move => (move.Side, "manoeuvre"),
                TurnEnded { Reason: TurnEndReason.EndTurn } ended => (ended.Side, "end_turn"),
                TurnEnded ended => (ended.Side, "turn_timer"),
                _ => ((Side?)null, (string?)null),
            };
            if (kind is null || side is null)
            {
                continue;
            }
            if (side != active)
            {
                yield return $"{kind} by {side} in turn {turn}, which was {active}'s";
                continue;
            }
            var command = new SentCommand(turn, side.Value, kind);
            if (unclaimed.GetValueOrDefault(command) is var left and > 0)
            {
                unclaimed[command] = left - 1;
            }
            else
            {
                yield return $"{kind} by {side} in turn {turn}, which its player did not send";
            }
        }
        if (view.Outcome is not { Reason: BattleEndReason.Destroyed, Winner: not null })
        {
            yield return $"ended {view.Outcome?.Reason.ToString() ?? "not at all"}, not by a ship's destruction";
        }

        Side? Set(TurnStarted started)
        {
            turn = started.TurnNumber;
            active = started.Side;
            return null;
        }
    }
}
