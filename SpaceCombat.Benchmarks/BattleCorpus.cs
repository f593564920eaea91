using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Benchmarks;

/// <summary>One recorded AI-vs-AI battle: its setup, dice seed and every command the captains gave, in order.</summary>
public sealed record RecordedBattle(BattleSetup Setup, int Seed, IReadOnlyList<BattleCommand> Commands, BattleOutcome Outcome);

/// <summary>
/// The fixed set of battles the engine benchmarks play: every ship once as side One against the ship three places
/// further down the roster (small and large ships, lasers, missiles, sand), starting at Medium, with fixed seeds.
/// Deterministic, so the host process and the benchmark process count the same commands.
/// </summary>
public static class BattleCorpus
{
    private static readonly Lazy<IReadOnlyList<RecordedBattle>> Recorded = new(Record);

    public static IReadOnlyList<RecordedBattle> Battles => Recorded.Value;

    /// <summary>Commands executed to play the whole corpus once (one benchmark operation).</summary>
    public static int CommandsPerOperation => Battles.Sum(b => b.Commands.Count);

    public static int BattlesPerOperation => Battles.Count;

    public static IEnumerable<(BattleSetup Setup, int Seed)> Setups()
    {
        var ships = ShipRoster.All;
        for (var i = 0; i < ships.Count; i++)
        {
            yield return (new BattleSetup(ships[i].Id, ships[(i + 3) % ships.Count].Id), 1000 + i);
        }
    }

    /// <summary>Plays each battle with <see cref="AiDuel.Play"/> and records the commands its captains gave.</summary>
    private static IReadOnlyList<RecordedBattle> Record()
    {
        var recorded = new List<RecordedBattle>();
        foreach (var (setup, seed) in Setups())
        {
            var commands = new List<BattleCommand>();
            var battle = AiDuel.Play(setup, new SeededDice(seed), onCommand: commands.Add);
            recorded.Add(new RecordedBattle(setup, seed, commands, battle.Outcome!));
        }
        return recorded;
    }
}
