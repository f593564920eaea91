using System.Globalization;
using System.Text;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Writes battle events as log lines for one viewer, every roll with its breakdown. A salvo's launch check is shown
/// only to its launcher until the salvo strikes or is destroyed (RULES.md section 6).
/// </summary>
public static class CombatLogText
{
    public static string Describe(BattleEvent battleEvent, Side? viewer, Func<Side, string> shipName) => battleEvent switch
    {
        BattleStarted started => $"Battle begins at {started.Band.DisplayName()} range.",
        InitiativeRolled initiative => DescribeInitiative(initiative, shipName),
        RoundStarted round => $"Round {round.Round} begins.",
        TurnStarted turn => $"{shipName(turn.Side)}'s turn.",
        LaserAttack attack => DescribeLaserAttack(attack, shipName),
        MissilesLaunched launch => DescribeLaunch(launch, viewer, shipName),
        MissileStrike strike => $"Salvo {strike.SalvoId} of {MidSentence(shipName(strike.Side))} arrives with {Missiles(strike.Missiles)}: launch roll " + Check(strike.Check)
            + (strike.Check.Success ? " — hits. " + string.Join(" ", strike.Damage.Select((d, i) => $"Missile {i + 1}: " + Damage(d, null))) : " — misses."),
        PointDefenceFired defence => DescribePointDefence(defence, shipName),
        SandCast sand => DescribeSand(sand, shipName),
        Manoeuvred move => DescribeManoeuvre(move, shipName(move.Side)),
        CriticalHit critical => $"Critical hit on {MidSentence(shipName(critical.TargetSide))} ({(critical.Cause == CriticalCause.Effect ? "Effect 6+" : "sustained damage")}): "
            + $"2D [{string.Join(", ", critical.LocationDice)}] = {critical.LocationDice.Sum()} → {critical.Location.DisplayName()}, severity {critical.Severity} (total {critical.LocationSeverity}): {critical.Effect}."
            + (critical.HullDamage is { } hull ? $" Extra damage {critical.Severity}D [{string.Join(", ", hull.Dice)}] = {hull.Damage} (hull {hull.HullBefore} → {hull.HullAfter})." : ""),
        TurnEnded ended => DescribeTurnEnded(ended, shipName(ended.Side)),
        BattleEnded ended => DescribeOutcome(ended.Outcome, shipName) + ".",
        _ => battleEvent.GetType().Name,
    };

    /// <summary>
    /// The most lines a server shares (below). A line past it is made for its viewer alone, as every line with a roll is.
    /// </summary>
    public const int MaxSharedLines = 4096;

    // Lines without a roll (a turn ended, a manoeuvre) read the same in every battle with the same ship, viewer's side
    // and numbers: made once per server, so that the most common lines are not new strings per viewer. Each circuit's
    // log keeps its lines for the next thirty-odd actions, long enough for the collector to copy them into its oldest
    // generation and leave them there as garbage once they scroll out.
    private static readonly SharedLines<(string Ship, TurnEndReason Reason)> TurnEndLines = new(MaxSharedLines);
    private static readonly SharedLines<ManoeuvreLine> ManoeuvreLines = new(MaxSharedLines);

    private readonly record struct ManoeuvreLine(string Ship, ManoeuvreDirection Direction, int Thrust, RangeBand To, bool Moved, ManoeuvreDirection? PoolDirection, int PoolThrust);

    private static string DescribeTurnEnded(TurnEnded ended, string ship)
    {
        var key = (ship, ended.Reason);
        if (TurnEndLines.TryGet(key, out var text))
        {
            return text;
        }
        text = ended.Reason == TurnEndReason.TimerExpired ? $"{ship}'s turn timer ran out." : $"{ship} ends its turn.";
        return TurnEndLines.Share(key, text);
    }

    private static string DescribeManoeuvre(Manoeuvred move, string ship)
    {
        var moved = move.From != move.To;
        // The pool is only part of the line when the range stays.
        var key = new ManoeuvreLine(ship, move.Direction, move.Thrust, move.To, moved, moved ? null : move.Pool.Direction, moved ? 0 : move.Pool.Thrust);
        if (ManoeuvreLines.TryGet(key, out var text))
        {
            return text;
        }
        text = $"{ship} spends {move.Thrust} thrust to {(move.Direction == ManoeuvreDirection.Close ? "close" : "open")}: "
            + (moved ? $"range now {move.To.DisplayName()}." : $"range stays {move.To.DisplayName()}, {Pool(move.Pool)}.");
        return ManoeuvreLines.Share(key, text);
    }

    public static string DescribeOutcome(BattleOutcome outcome, Func<Side, string> shipName) => outcome.Reason switch
    {
        BattleEndReason.Destroyed => $"{shipName(outcome.Winner!.Value)} destroys {MidSentence(shipName(outcome.Loser!.Value))}",
        BattleEndReason.Surrendered => $"{shipName(outcome.Loser!.Value)} surrenders to {MidSentence(shipName(outcome.Winner!.Value))}",
        BattleEndReason.Forfeited => $"{shipName(outcome.Loser!.Value)} forfeits (disconnected too long)",
        BattleEndReason.RoundLimit => $"Draw: the ships disengage after {outcome.Rounds} rounds",
        BattleEndReason.NoWayToDamage => "Draw: neither ship can damage the other any more",
        BattleEndReason.Abandoned => "The battle was abandoned",
        _ => outcome.Reason.ToString(),
    };

    /// <summary>
    /// A ship label as it reads inside a sentence: "Your Type-S Scout" becomes "your Type-S Scout" and "Enemy Type-A
    /// Free Trader" becomes "the enemy Type-A Free Trader"; a spectator's labels (ship names) are unchanged.
    /// </summary>
    public static string MidSentence(string shipLabel) =>
        shipLabel.StartsWith("Your ", StringComparison.Ordinal) ? "your " + shipLabel[5..]
        : shipLabel.StartsWith("Enemy ", StringComparison.Ordinal) ? "the enemy " + shipLabel[6..]
        : shipLabel;

    /// <summary>"2D [4, 5] + Gunner 1 + Range 1 = 11 vs 8, Effect +3".</summary>
    public static string Check(CheckRoll check) => AppendCheck(new StringBuilder(96), check).ToString();

    private static StringBuilder AppendCheck(StringBuilder text, CheckRoll check) =>
        AppendRoll(text, check.Dice, check.Modifiers, check.Total).Append(CultureInfo.InvariantCulture, $" vs {check.Target}, Effect {Signed(check.Effect)}");

    // The events every action brings are written into one builder per thread, straight to their final string, instead
    // of a string per part joined at the end. Never re-entered: a ship's name is all it asks of its caller.
    [ThreadStatic]
    private static StringBuilder? line;

    private static StringBuilder Line() => (line ??= new StringBuilder(256)).Clear();

    private static string DescribeLaserAttack(LaserAttack attack, Func<Side, string> shipName)
    {
        var text = Line().Append($"{shipName(attack.Side)} fires turret {attack.TurretNumber} ({Weapons(attack.Weapon, attack.WeaponCount)}) at {attack.Band.DisplayName()}: ");
        AppendCheck(text, attack.Check);
        return (attack.Damage is { } damage ? AppendDamage(text.Append(" — hit. "), damage, "Sand") : text.Append(" — miss.")).ToString();
    }

    private static string DescribeLaunch(MissilesLaunched launch, Side? viewer, Func<Side, string> shipName)
    {
        var text = Line().Append($"{shipName(launch.Side)} launches {Missiles(launch.Missiles)} from turret {launch.TurretNumber} (salvo {launch.SalvoId}), striking in round {launch.StrikeRound}");
        if (viewer != launch.Side)
        {
            return text.Append("; its attack roll stays hidden until it strikes.").ToString();
        }
        return AppendCheck(text.Append(": "), launch.Check).Append(launch.Check.Success ? " — on target." : " — off target.").ToString();
    }

    private static string DescribePointDefence(PointDefenceFired defence, Func<Side, string> shipName)
    {
        var text = Line().Append($"{shipName(defence.Side)} turret {defence.TurretNumber} fires point defence at salvo {defence.SalvoId}: ");
        AppendCheck(text, defence.Check).Append($" — {Missiles(defence.Destroyed)} destroyed, {defence.Remaining} left.");
        if (defence.RevealedLaunchCheck is { } revealed)
        {
            AppendCheck(text.Append(" The salvo's launch roll was "), revealed).Append('.');
        }
        return text.ToString();
    }

    private static string DescribeSand(SandCast sand, Func<Side, string> shipName)
    {
        var text = AppendCheck(Line().Append($"{shipName(sand.Side)} casts sand from turret {sand.TurretNumber}: "), sand.Check);
        return (sand.SandDie is { } die
            ? text.Append($" — sand cloud: armour +{sand.ArmourBonus} against lasers (1D [{die}] + Effect {Signed(sand.Check.Effect)}).")
            : text.Append(" — the sand disperses uselessly.")).ToString();
    }

    /// <summary>"2D [4, 5] + Pilot 2 + Thrust 4 = 15": a roll with no target (initiative).</summary>
    private static string Roll(IReadOnlyList<int> dice, IReadOnlyList<Modifier> modifiers, int total) =>
        AppendRoll(new StringBuilder(64), dice, modifiers, total).ToString();

    private static StringBuilder AppendRoll(StringBuilder text, IReadOnlyList<int> dice, IReadOnlyList<Modifier> modifiers, int total)
    {
        AppendDice(text.Append("2D "), dice);
        foreach (var modifier in modifiers)
        {
            text.Append(CultureInfo.InvariantCulture, $" {(modifier.Value < 0 ? "−" : "+")} {modifier.Name} {Math.Abs(modifier.Value)}");
        }
        return text.Append(CultureInfo.InvariantCulture, $" = {Whole(total)}");
    }

    /// <summary>"Damage 2D [3, 6] + 4 + Effect 2 − Armour 4 = 11 (hull 80 → 69)."</summary>
    public static string Damage(DamageRoll damage, string? sandName) => AppendDamage(new StringBuilder(96), damage, sandName).ToString();

    private static StringBuilder AppendDamage(StringBuilder text, DamageRoll damage, string? sandName)
    {
        AppendDice(text.Append(CultureInfo.InvariantCulture, $"Damage {damage.Dice.Count}D "), damage.Dice);
        if (damage.Bonus != 0)
        {
            // Only lasers firing together give a bonus (+1 per die for each extra identical laser): named so it reads.
            text.Append(CultureInfo.InvariantCulture, $" + Multi-laser bonus {damage.Bonus}");
        }
        text.Append(CultureInfo.InvariantCulture, $" + Effect {damage.Effect} − Armour {damage.Armour}");
        if (damage.Sand != 0 && sandName is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" − {sandName} {damage.Sand}");
        }
        return text.Append(CultureInfo.InvariantCulture, $" = {damage.Damage} (hull {damage.HullBefore} → {damage.HullAfter}).");
    }

    // "[4, 5]", written straight into the line (every attack is described once per viewer).
    private static StringBuilder AppendDice(StringBuilder text, IReadOnlyList<int> dice)
    {
        text.Append('[');
        for (var i = 0; i < dice.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}{dice[i]}");
        }
        return text.Append(']');
    }

    private static string DescribeInitiative(InitiativeRolled initiative, Func<Side, string> shipName)
    {
        var rolls = initiative.Attempts.Select(a => $"{MidSentence(shipName(Side.One))} {Roll(a.One.Dice, a.One.Modifiers, a.One.Total)}, {MidSentence(shipName(Side.Two))} {Roll(a.Two.Dice, a.Two.Modifiers, a.Two.Total)}");
        return $"Initiative: {string.Join("; tie, rolled again: ", rolls)}. {shipName(initiative.FirstSide)} acts first each round.";
    }

    private static string Weapons(WeaponKind weapon, int count) => count > 1 ? $"{count} × {weapon.DisplayName()}" : weapon.DisplayName();

    private static string Missiles(int count) => count == 1 ? "1 missile" : $"{count} missiles";

    private static string Pool(ManoeuvrePool pool) => pool.IsEmpty ? "no thrust banked" : $"{pool.Thrust} thrust banked to {(pool.Direction == ManoeuvreDirection.Close ? "close" : "open")}";

    private static string Signed(int value) => value >= 0 ? $"+{value}" : $"−{-value}";

    private static string Whole(int value) => value >= 0 ? value.ToString(CultureInfo.InvariantCulture) : $"−{-value}";
}
