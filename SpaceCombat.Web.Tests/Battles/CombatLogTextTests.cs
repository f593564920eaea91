using System.Text.RegularExpressions;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

public sealed partial class CombatLogTextTests
{
    private static string Name(Side side) => side == Side.One ? "Alpha" : "Beta";

    private static CheckRoll Roll(int a, int b, params Modifier[] modifiers) => CheckRoll.Make([a, b], modifiers);

    [Fact]
    public void Turrets_are_numbered_as_the_events_number_them_from_1()
    {
        var check = Roll(5, 6, new Modifier("Gunner", 1), new Modifier("Range", 0));
        var attack = new LaserAttack(1, Side.One, 1, WeaponKind.PulseLaser, 3, RangeBand.Close, check, null);
        var sand = new SandCast(1, Side.Two, 2, Roll(1, 1), null, 0);

        Assert.StartsWith("Alpha fires turret 1 (3 × Pulse Laser) at Close: 2D [5, 6] + Gunner 1 + Range 0 = 12 vs 8, Effect +4",
            CombatLogText.Describe(attack, Side.One, Name), StringComparison.Ordinal);
        Assert.StartsWith("Beta casts sand from turret 2:", CombatLogText.Describe(sand, Side.One, Name), StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_numbers_use_the_typographic_minus()
    {
        var check = Roll(1, 1, new Modifier("Gunner", 1), new Modifier("Crew critical", -4), new Modifier("Range", -6));
        var attack = new LaserAttack(3, Side.Two, 2, WeaponKind.PulseLaser, 1, RangeBand.Distant, check, null);

        Assert.Equal("Beta fires turret 2 (Pulse Laser) at Distant: 2D [1, 1] + Gunner 1 − Crew critical 4 − Range 6 = −7 vs 8, Effect −15 — miss.",
            CombatLogText.Describe(attack, Side.One, Name));
    }

    [Fact]
    public void Initiative_shows_each_roll_and_total_with_no_target()
    {
        var roll = new InitiativeAttempt(
            InitiativeRoll.Make([6, 5], [new Modifier("Pilot", 2), new Modifier("Thrust", 4)]),
            InitiativeRoll.Make([1, 2], [new Modifier("Pilot", 1), new Modifier("Thrust", 1)]));

        Assert.Equal("Initiative: Alpha 2D [6, 5] + Pilot 2 + Thrust 4 = 17, Beta 2D [1, 2] + Pilot 1 + Thrust 1 = 5. Alpha acts first each round.",
            CombatLogText.Describe(new InitiativeRolled([roll], Side.One), null, Name));
    }

    [Fact]
    public void A_critical_names_the_ship_hit()
    {
        var critical = new CriticalHit(2, Side.Two, CriticalCause.Effect, [3, 3], CriticalLocation.Armour, 2, 6, null, "armour −4 (now 0)", null);

        Assert.Equal("Critical hit on Beta (Effect 6+): 2D [3, 3] = 6 → Armour, severity 2 (total 6): armour −4 (now 0).",
            CombatLogText.Describe(critical, Side.One, Name));
    }

    [Fact]
    public void Turn_ends_and_manoeuvres_read_the_same_and_are_made_once_for_every_battle()
    {
        var ended = new TurnEnded(2, Side.Two, TurnEndReason.EndTurn);
        var timedOut = new TurnEnded(2, Side.Two, TurnEndReason.TimerExpired);
        var closed = new Manoeuvred(3, Side.One, ManoeuvreDirection.Close, 2, RangeBand.Long, RangeBand.Medium, new ManoeuvrePool(null, 0));
        var banked = new Manoeuvred(3, Side.One, ManoeuvreDirection.Close, 2, RangeBand.Long, RangeBand.Long, new ManoeuvrePool(ManoeuvreDirection.Close, 2));
        var bankedMore = banked with { Round = 4, Pool = new ManoeuvrePool(ManoeuvreDirection.Close, 4) };

        var endText = CombatLogText.Describe(ended, Side.One, Name);
        Assert.Equal("Beta ends its turn.", endText);
        Assert.Equal("Beta's turn timer ran out.", CombatLogText.Describe(timedOut, Side.One, Name));
        Assert.Equal("Alpha spends 2 thrust to close: range now Medium.", CombatLogText.Describe(closed, Side.One, Name));
        Assert.Equal("Alpha spends 2 thrust to close: range stays Long, 2 thrust banked to close.", CombatLogText.Describe(banked, Side.One, Name));
        Assert.Equal("Alpha spends 2 thrust to close: range stays Long, 4 thrust banked to close.", CombatLogText.Describe(bankedMore, Side.One, Name));

        // Another battle's event, described for another circuit: the same string, not a new one per viewer.
        Assert.Same(endText, CombatLogText.Describe(ended with { Round = 9 }, Side.One, Name));
        Assert.Same(CombatLogText.Describe(closed, Side.One, Name), CombatLogText.Describe(closed with { Round = 7 }, null, Name));
        Assert.NotSame(CombatLogText.Describe(banked, Side.One, Name), CombatLogText.Describe(bankedMore, Side.One, Name));
    }

    /// <summary>Whole AI battles of every ship, each event as a player reads it: no ASCII minus before a number, no turret 0.</summary>
    [Fact]
    public void Every_line_of_whole_battles_reads_with_one_minus_sign_and_turrets_from_1()
    {
        var lines = 0;
        var ships = ShipRoster.All.Select(s => s.Id).ToArray();
        for (var i = 0; i < ships.Length; i++)
        {
            var events = new List<BattleEvent>();
            AiDuel.Play(new BattleSetup(ships[i], ships[(i + 3) % ships.Length], RangeTable.Bands[i % 7]), new SeededDice(40 + i), events.Add);
            foreach (var battleEvent in events)
            {
                var text = CombatLogText.Describe(battleEvent, Side.One, Name);
                Assert.DoesNotMatch(AsciiMinusBeforeNumber(), text);
                Assert.DoesNotContain("turret 0", text, StringComparison.Ordinal);
                if (battleEvent is InitiativeRolled)
                {
                    Assert.DoesNotContain(" vs ", text, StringComparison.Ordinal);
                }
                lines++;
            }
        }
        Assert.True(lines > 500, $"only {lines} lines");
    }

    [GeneratedRegex(@"-\s?\d")]
    private static partial Regex AsciiMinusBeforeNumber();
}
