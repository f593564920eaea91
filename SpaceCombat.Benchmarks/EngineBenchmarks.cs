using BenchmarkDotNet.Attributes;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;

namespace SpaceCombat.Benchmarks;

/// <summary>
/// One operation = the whole <see cref="BattleCorpus"/> (7 battles). The Commands/s column divides the corpus's
/// command count by the mean time of an operation.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private IReadOnlyList<RecordedBattle> _battles = [];

    [GlobalSetup]
    public void Setup() => _battles = BattleCorpus.Battles;

    /// <summary>Full AI-vs-AI battles: the captains' decisions, snapshots and command execution.</summary>
    [Benchmark(Baseline = true, Description = "AI vs AI, full battles")]
    public int FullAiBattles()
    {
        var rounds = 0;
        foreach (var battle in _battles)
        {
            rounds += AiDuel.Play(battle.Setup, new SeededDice(battle.Seed)).Outcome!.Rounds;
        }
        return rounds;
    }

    /// <summary>Command execution alone: the recorded commands replayed into a fresh battle with the same dice.</summary>
    [Benchmark(Description = "Replay recorded commands")]
    public int ReplayCommands()
    {
        var rounds = 0;
        foreach (var recorded in _battles)
        {
            var battle = Battle.Start(recorded.Setup, new SeededDice(recorded.Seed));
            foreach (var command in recorded.Commands)
            {
                battle.Execute(command);
            }
            rounds += battle.Outcome!.Rounds;
        }
        return rounds;
    }
}
