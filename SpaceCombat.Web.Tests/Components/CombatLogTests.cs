using Bunit;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

public sealed class CombatLogTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static BattleView ViewOf(Battle battle, IReadOnlyList<BattleEvent> log) => new(
        "ABCDEF", OpponentKind.Person, BattlePhase.InProgress, "scout", "free_trader", RangeBand.Medium,
        battle.Snapshot, battle.Outcome, [.. log], Now.AddSeconds(30), true, true, null, Now, battle.Snapshot.Version);

    private static string Name(Side side) => side == Side.One ? "Your Type-S Scout" : "Enemy Type-A Free Trader";

    [Fact]
    public void A_change_describes_only_its_new_events_and_keeps_the_earlier_lines_as_they_were()
    {
        var battle = Battle.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new ScriptedDice(6, 6, 1, 1, 1, 1));
        var log = new List<BattleEvent>(battle.StartEvents);
        var asked = 0;
        Func<Side, string> shipName = side =>
        {
            asked++;
            return Name(side);
        };
        var hud = HudRendering.StateFor(ViewOf(battle, log), Side.One, Now);
        var combatLog = Render<CombatLog>(p => p.Add(c => c.Hud, hud).Add(c => c.ShipName, shipName));
        var earlier = combatLog.FindAll("li:not(.sc-log-round)").Select(li => li.TextContent).ToArray();
        var askedBefore = asked;

        var fired = battle.Execute(new FireLasers(Side.One, 0)).Events;
        log.AddRange(fired);
        hud.Show(ViewOf(battle, log), Side.One);
        combatLog.Render();

        // The names the new events' lines need, and no more: the earlier lines were not described again.
        var newNames = 0;
        foreach (var entry in fired.Where(e => e is not (TurnStarted or RoundStarted)))
        {
            CombatLogText.Describe(entry, Side.One, side =>
            {
                newNames++;
                return Name(side);
            });
        }
        Assert.True(newNames > 0);
        Assert.Equal(askedBefore + newNames, asked);
        var lines = combatLog.FindAll("li:not(.sc-log-round)").Select(li => li.TextContent).ToArray();
        Assert.Contains("fires", lines[0], StringComparison.Ordinal);
        Assert.Equal(earlier, lines[^earlier.Length..]);
    }

    [Fact]
    public void Lines_are_keyed_by_name_so_the_render_tree_refers_to_no_event_and_a_trimmed_round_keeps_the_other_lines_keys()
    {
        var battle = Battle.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new ScriptedDice(6, 6, 1, 1, 1, 1));
        var log = new List<BattleEvent>(battle.StartEvents);
        for (var turn = 0; turn < 4; turn++)
        {
            log.AddRange(battle.Execute(new EndTurn(battle.Snapshot.ActiveSide!.Value)).Events);
        }
        var hud = HudRendering.StateFor(ViewOf(battle, log), Side.One, Now);
        var combatLog = Render<CombatLog>(p => p.Add(c => c.Hud, hud).Add(c => c.ShipName, Name));
        var before = KeysOf(combatLog.Instance);

        // Every line's key is its name's one key object, never the event (a new event is young; the buffers are old).
        Assert.NotEmpty(before);
        Assert.DoesNotContain(before, key => key is BattleEvent);
        Assert.All(before.OfType<int>(), key => Assert.Same(LogLineIds.Key(key), before.First(k => Equals(k, key))));

        // The live log drops the set-up round (round 0) and grows by a turn: the lines kept keep their keys.
        var firstRound = log.FindIndex(e => e.Round == 1);
        var trimmed = log[firstRound..];
        trimmed.AddRange(battle.Execute(new EndTurn(battle.Snapshot.ActiveSide!.Value)).Events);
        hud.Show(ViewOf(battle, trimmed), Side.One);
        combatLog.Render();
        var after = KeysOf(combatLog.Instance);
        var kept = before.OfType<int>().Where(id => id >> 16 >= 1).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, id => Assert.Contains(after, key => ReferenceEquals(key, LogLineIds.Key(id))));
        Assert.DoesNotContain(after, key => key is BattleEvent);
        Assert.True(after.Count > kept.Count, "the new turn's lines are shown");
    }

    [Fact]
    public void Two_battles_with_the_same_rolls_show_them_in_the_same_strings()
    {
        List<string> TextsOfABattle()
        {
            var battle = Battle.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new ScriptedDice(6, 6, 1, 1, 6, 6, 3, 3, 3, 3, 3, 3, 3, 3));
            var log = new List<BattleEvent>(battle.StartEvents);
            log.AddRange(battle.Execute(new FireLasers(Side.One, 0)).Events);
            var hud = HudRendering.StateFor(ViewOf(battle, log), Side.One, Now);
            return TextsOf(Render<CombatLog>(p => p.Add(c => c.Hud, hud).Add(c => c.ShipName, Name)).Instance);
        }

        var one = TextsOfABattle();
        var other = TextsOfABattle();

        // A hit's line is in the texts, and each text is the very string the other battle's log shows.
        Assert.Contains(one, text => text.Contains(" — hit. ", StringComparison.Ordinal));
        Assert.Equal(one, other);
        Assert.All(one.Zip(other), pair => Assert.Same(pair.First, pair.Second));
    }

    [Theory]
    [InlineData("scout", "free_trader", 1)]
    [InlineData("mercenary_cruiser", "patrol_corvette", 2)]
    [InlineData("safari_ship", "far_trader", 3)]
    public void A_long_battle_s_log_renders_within_128_frames(string shipOne, string shipTwo, int seed)
    {
        // Each render buffer is a power of two: past 128 frames both of every battle circuit's buffers for the log
        // double, and a circuit's size is what each arrival adds to every young collection (one text frame a line).
        var events = new List<BattleEvent>();
        var random = new Random(seed);
        var battle = SpaceCombat.Core.Ai.AiDuel.Play(new BattleSetup(shipOne, shipTwo, RangeBand.Medium), new RandomDice(random), events.Add);
        var hud = HudRendering.StateFor(ViewOf(battle, events), Side.One, Now);
        var combatLog = Render<CombatLog>(p => p.Add(c => c.Hud, hud).Add(c => c.ShipName, Name));

        Assert.True(events.Count > 100, $"a long battle: {events.Count} events");
        Assert.Equal(CombatLog.MaxLines, combatLog.FindAll("li:not(.sc-log-round)").Count);
        var frames = HudRendering.FramesOf(combatLog.Instance).Length;
        Assert.True(frames <= 128, $"{frames} frames");
    }

    private sealed class RandomDice(Random random) : IDice
    {
        public int Roll(int sides) => random.Next(1, sides + 1);
    }

#pragma warning disable BL0006 // Render tree frames: what the tests inspect.
    private static List<object> KeysOf(CombatLog component) =>
        [.. HudRendering.FramesOf(component).Select(f => f.ElementKey).OfType<object>()];

    private static List<string> TextsOf(CombatLog component) =>
        [.. HudRendering.FramesOf(component).Where(f => f.FrameType == Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrameType.Text).Select(f => f.TextContent)];
#pragma warning restore BL0006
}
