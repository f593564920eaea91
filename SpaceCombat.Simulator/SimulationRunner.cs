using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Simulator;

/// <summary>Two ships that meet: <see cref="ShipOne"/> is Side One.</summary>
public sealed record Pairing(string ShipOne, string ShipTwo);

/// <summary>One battle's result. <see cref="Number"/> is 1-based over the whole run; <see cref="NumberInPairing"/> within its pairing.</summary>
public sealed record BattleResult(
    int Number,
    int NumberInPairing,
    Pairing Pairing,
    RangeBand StartBand,
    int Seed,
    Side? Winner,
    BattleEndReason Reason,
    int Rounds,
    int HullOne,
    int HullTwo);

public sealed record PairingResults(Pairing Pairing, IReadOnlyList<BattleResult> Battles);

/// <summary>What a run produced: the seed it used and every battle, in a fixed order (pairing by pairing, battle by battle).</summary>
public sealed record SimulationResult(SimulationOptions Options, int Seed, IReadOnlyList<PairingResults> Pairings);

/// <summary>
/// Plays the battles of a run with the AI on both sides. Each battle has its own dice seeded by <see cref="BattleSeeds"/>,
/// so battles may run in parallel and the results (kept in a fixed order) are the same for the same seed.
/// With an events sink the battles run one after another so the events come out in order.
/// </summary>
public sealed class SimulationRunner
{
    private readonly int _parallelism;

    public SimulationRunner(int? parallelism = null)
    {
        _parallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount);
    }

    /// <summary>The pairings a run plays, in order: one, or every ship against every ship (row-major over the roster).</summary>
    public static IReadOnlyList<Pairing> PairingsFor(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Matrix)
        {
            return [.. from one in ShipRoster.All from two in ShipRoster.All select new Pairing(one.Id, two.Id)];
        }
        return [new Pairing(options.Ship!, options.Enemy!)];
    }

    /// <param name="options">Validated options.</param>
    /// <param name="seed">The run's seed (the options' seed, or a random one the caller picked and prints).</param>
    /// <param name="events">Where each event goes, with its 1-based battle number; null for none.</param>
    /// <param name="onBattleDone">Called after each battle (from any thread when running in parallel).</param>
    public SimulationResult Run(
        SimulationOptions options,
        int seed,
        EventJsonWriter? events = null,
        Action? onBattleDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pairings = PairingsFor(options);
        var perPairing = options.Battles;
        var total = checked(pairings.Count * perPairing);
        var results = new BattleResult[total];

        void Play(int index)
        {
            var pairing = pairings[index / perPairing];
            var numberInPairing = index % perPairing + 1;
            results[index] = PlayOne(options, seed, pairing, index + 1, numberInPairing, events);
            onBattleDone?.Invoke();
        }

        if (events is not null || _parallelism == 1)
        {
            for (var i = 0; i < total; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Play(i);
            }
        }
        else
        {
            Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken }, Play);
        }

        var grouped = new PairingResults[pairings.Count];
        for (var p = 0; p < pairings.Count; p++)
        {
            grouped[p] = new PairingResults(pairings[p], new ArraySegment<BattleResult>(results, p * perPairing, perPairing));
        }
        return new SimulationResult(options, seed, grouped);
    }

    /// <summary>Plays one battle as the run would: the setup and dice seed it derives for this battle.</summary>
    public static BattleResult PlayOne(SimulationOptions options, int runSeed, Pairing pairing, int number, int numberInPairing, EventJsonWriter? events = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pairing);
        var band = options.BandFor(numberInPairing);
        var battleSeed = BattleSeeds.For(runSeed, IndexOf(pairing.ShipOne), IndexOf(pairing.ShipTwo), numberInPairing);
        var setup = new BattleSetup(pairing.ShipOne, pairing.ShipTwo, band);
        Action<BattleEvent>? onEvent = events is null ? null : e => events.Write(number, e);
        var battle = AiDuel.Play(setup, new SeededDice(battleSeed), onEvent);
        var outcome = battle.Outcome!;
        var snapshot = battle.Snapshot;
        return new BattleResult(number, numberInPairing, pairing, band, battleSeed, outcome.Winner, outcome.Reason, outcome.Rounds, snapshot.One.Hull, snapshot.Two.Hull);
    }

    private static int IndexOf(string shipId)
    {
        for (var i = 0; i < ShipRoster.All.Count; i++)
        {
            if (string.Equals(ShipRoster.All[i].Id, shipId, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        throw new ArgumentException($"Unknown ship '{shipId}'.", nameof(shipId));
    }
}
