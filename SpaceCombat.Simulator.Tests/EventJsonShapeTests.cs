using System.Text;
using System.Text.Json;
using SpaceCombat.Core.Ships;
using SpaceCombat.Simulator;

namespace SpaceCombat.Simulator.Tests;

public sealed class EventJsonShapeTests
{
    /// <summary>Mixed ships (lasers, missiles, point defence, sand) over every start band, so every event kind shows up.</summary>
    private static List<JsonElement> EventsOf(string ship, string enemy, int battles)
    {
        var options = SimulationOptions.Parse(["--ship", ship, "--enemy", enemy, "--battles", battles.ToString(), "--range", "all"], out var error)
            ?? throw new InvalidOperationException(error);
        using var stream = new MemoryStream();
        using (var writer = new EventJsonWriter(stream))
        {
            new SimulationRunner(1).Run(options, seed: 11, writer);
        }
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        return text.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    [Fact]
    public void Every_line_starts_with_battle_round_type_and_side()
    {
        var events = EventsOf("scout", "safari_ship", 7);

        foreach (var e in events)
        {
            var names = e.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(["battle", "round", "type", "side"], names[..4]);
            Assert.Equal(names.Length, names.Distinct().Count());
            Assert.DoesNotContain("actor", names);
            Assert.Contains(e.GetProperty("side").ValueKind, new[] { JsonValueKind.Null, JsonValueKind.String });
            if (e.GetProperty("side").ValueKind == JsonValueKind.String)
            {
                Assert.Contains(e.GetProperty("side").GetString(), new[] { "One", "Two" });
            }
        }
        Assert.Equal(Enumerable.Range(1, 7), events.Select(e => e.GetProperty("battle").GetInt32()).Distinct());
        Assert.Equal(7, events.Count(e => e.GetProperty("type").GetString() == "battle_ended"));
        Assert.Equal(7, events.Count(e => e.GetProperty("type").GetString() == "battle_started"));
    }

    [Fact]
    public void Every_roll_has_dice_modifiers_total_target_and_effect_and_every_damage_its_hull_before_and_after()
    {
        var events = EventsOf("scout", "safari_ship", 7).Concat(EventsOf("patrol_corvette", "mercenary_cruiser", 2)).ToList();
        var types = events.Select(e => e.GetProperty("type").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "initiative", "laser_attack", "missile_launch", "missile_strike", "point_defence", "sand", "manoeuvre", "critical", "battle_ended" }, types);

        var checks = 0;
        var damages = 0;
        foreach (var e in events)
        {
            switch (e.GetProperty("type").GetString())
            {
                case "initiative":
                    foreach (var attempt in e.GetProperty("attempts").EnumerateArray())
                    {
                        AssertInitiativeRoll(attempt.GetProperty("one"));
                        AssertInitiativeRoll(attempt.GetProperty("two"));
                        checks += 2;
                    }
                    break;
                case "laser_attack":
                    AssertCheck(e.GetProperty("check"));
                    checks++;
                    var damage = e.GetProperty("damage");
                    Assert.Equal(e.GetProperty("check").GetProperty("success").GetBoolean(), damage.ValueKind == JsonValueKind.Object);
                    if (damage.ValueKind == JsonValueKind.Object)
                    {
                        AssertDamage(damage);
                        damages++;
                    }
                    break;
                case "missile_launch":
                case "sand":
                    AssertCheck(e.GetProperty("check"));
                    checks++;
                    break;
                case "point_defence":
                    AssertCheck(e.GetProperty("check"));
                    checks++;
                    if (e.GetProperty("revealedLaunchCheck").ValueKind != JsonValueKind.Null)
                    {
                        AssertCheck(e.GetProperty("revealedLaunchCheck"));
                    }
                    break;
                case "missile_strike":
                    AssertCheck(e.GetProperty("check"));
                    checks++;
                    foreach (var hit in e.GetProperty("damage").EnumerateArray())
                    {
                        AssertDamage(hit);
                        damages++;
                    }
                    break;
                case "critical":
                    Assert.Equal(2, e.GetProperty("locationDice").GetArrayLength());
                    if (e.GetProperty("hullDamage").ValueKind == JsonValueKind.Object)
                    {
                        AssertDamage(e.GetProperty("hullDamage"));
                        damages++;
                    }
                    break;
            }
        }
        Assert.True(checks > 100, $"only {checks} checks");
        Assert.True(damages > 10, $"only {damages} damage rolls");
    }

    [Fact]
    public void Turrets_are_numbered_from_1_and_criticals_name_the_ship_hit_and_the_attacker()
    {
        var events = EventsOf("scout", "safari_ship", 7).Concat(EventsOf("patrol_corvette", "mercenary_cruiser", 2)).ToList();
        var turretsBySide = new Dictionary<(int Battle, string Side), int>();
        foreach (var started in events.Where(e => e.GetProperty("type").GetString() == "battle_started"))
        {
            var battle = started.GetProperty("battle").GetInt32();
            turretsBySide[(battle, "One")] = ShipRoster.Get(started.GetProperty("shipOne").GetString()!).Turrets.Count;
            turretsBySide[(battle, "Two")] = ShipRoster.Get(started.GetProperty("shipTwo").GetString()!).Turrets.Count;
        }

        var numbered = 0;
        var criticals = 0;
        foreach (var e in events)
        {
            var names = e.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.DoesNotContain("turret", names);
            var battle = e.GetProperty("battle").GetInt32();
            var side = e.GetProperty("side").GetString();
            switch (e.GetProperty("type").GetString())
            {
                case "laser_attack" or "missile_launch" or "point_defence" or "sand":
                    Assert.InRange(e.GetProperty("turretNumber").GetInt32(), 1, turretsBySide[(battle, side!)]);
                    numbered++;
                    break;
                case "critical":
                    var target = e.GetProperty("targetSide").GetString();
                    Assert.Equal(side, e.GetProperty("attackerSide").GetString());
                    Assert.NotEqual(side, target);
                    if (e.GetProperty("location").GetString() == "Weapon" && e.GetProperty("turretNumber").ValueKind == JsonValueKind.Number)
                    {
                        var number = e.GetProperty("turretNumber").GetInt32();
                        Assert.InRange(number, 1, turretsBySide[(battle, target!)]);
                        Assert.StartsWith($"turret {number} ", e.GetProperty("effect").GetString(), StringComparison.Ordinal);
                    }
                    Assert.DoesNotMatch(@"-\d", e.GetProperty("effect").GetString()!);
                    criticals++;
                    break;
            }
        }
        Assert.True(numbered > 100, $"only {numbered} turret uses");
        Assert.True(criticals > 10, $"only {criticals} criticals");
    }

    [Fact]
    public void Enums_are_strings_and_names_are_camel_case()
    {
        var events = EventsOf("scout", "free_trader", 2);

        var laser = events.First(e => e.GetProperty("type").GetString() == "laser_attack");
        Assert.Equal(JsonValueKind.String, laser.GetProperty("weapon").ValueKind);
        Assert.Equal(JsonValueKind.String, laser.GetProperty("band").ValueKind);
        Assert.Equal(JsonValueKind.Number, laser.GetProperty("weaponCount").ValueKind);
        var ended = events.Last();
        Assert.Equal("battle_ended", ended.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, ended.GetProperty("outcome").GetProperty("reason").ValueKind);
    }

    private static void AssertCheck(JsonElement check)
    {
        var dice = check.GetProperty("dice").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        Assert.Equal(2, dice.Length);
        Assert.All(dice, d => Assert.InRange(d, 1, 6));
        var modifiers = check.GetProperty("modifiers").EnumerateArray().ToArray();
        Assert.All(modifiers, m => Assert.False(string.IsNullOrEmpty(m.GetProperty("name").GetString())));
        var total = check.GetProperty("total").GetInt32();
        var target = check.GetProperty("target").GetInt32();
        Assert.Equal(dice.Sum() + modifiers.Sum(m => m.GetProperty("value").GetInt32()), total);
        Assert.Equal(total - target, check.GetProperty("effect").GetInt32());
        Assert.Equal(total >= target, check.GetProperty("success").GetBoolean());
    }

    /// <summary>Initiative has no target: the higher total acts first, so the roll carries no target, effect or success.</summary>
    private static void AssertInitiativeRoll(JsonElement roll)
    {
        var dice = roll.GetProperty("dice").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        Assert.Equal(2, dice.Length);
        var modifiers = roll.GetProperty("modifiers").EnumerateArray().ToArray();
        Assert.Equal(["Pilot", "Thrust"], modifiers.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(dice.Sum() + modifiers.Sum(m => m.GetProperty("value").GetInt32()), roll.GetProperty("total").GetInt32());
        Assert.Equal(["dice", "modifiers", "total"], roll.EnumerateObject().Select(p => p.Name));
    }

    private static void AssertDamage(JsonElement damage)
    {
        var dice = damage.GetProperty("dice").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        Assert.NotEmpty(dice);
        Assert.All(dice, d => Assert.InRange(d, 1, 6));
        var bonus = damage.GetProperty("bonus").GetInt32();
        var effect = damage.GetProperty("effect").GetInt32();
        var armour = damage.GetProperty("armour").GetInt32();
        var sand = damage.GetProperty("sand").GetInt32();
        var done = damage.GetProperty("damage").GetInt32();
        var before = damage.GetProperty("hullBefore").GetInt32();
        var after = damage.GetProperty("hullAfter").GetInt32();
        Assert.True(done >= 0);
        Assert.True(armour >= 0 && sand >= 0 && bonus >= 0);
        Assert.Equal(Math.Max(0, before - done), after);
        Assert.True(done <= dice.Sum() + bonus + Math.Max(0, effect));
    }
}
