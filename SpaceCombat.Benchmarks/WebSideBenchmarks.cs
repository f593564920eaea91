using BenchmarkDotNet.Attributes;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Battle;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Benchmarks;

/// <summary>
/// What the web server does per action of a player-versus-player battle, without the Blazor renderer and Orleans
/// messaging: the grain's step (<see cref="BattlePlay"/>), each seat's view with its projected log, and what each
/// seat's HUD reads to render (its options' hints, its combat log's newest lines). One operation = the
/// <see cref="BattleCorpus"/> battles replayed; the Allocated/command column is what gen0 must collect per action.
/// </summary>
[MemoryDiagnoser]
public class WebSideBenchmarks
{
    private static readonly Side?[] Seats = [Side.One, Side.Two];

    private readonly SpaceCombatOptions _options = new();
    private IReadOnlyList<RecordedBattle> _battles = [];

    [GlobalSetup]
    public void Setup()
    {
        _battles = BattleCorpus.Battles;
        // The replay must be the recorded battle, or the figures are for some other battle.
        foreach (var battle in _battles)
        {
            var outcome = Play(battle).Snapshot.Outcome;
            if (outcome != battle.Outcome)
            {
                throw new InvalidOperationException($"{battle.Setup.ShipOne} vs {battle.Setup.ShipTwo} replayed to {outcome}, recorded {battle.Outcome}.");
            }
        }
    }

    [Benchmark(Description = "PvP battles: grain step, seat views, HUD reads")]
    public int PlayAndShow()
    {
        var rounds = 0;
        foreach (var battle in _battles)
        {
            rounds += Play(battle).Snapshot.Round;
        }
        return rounds;
    }

    private BattlePlay Play(RecordedBattle battle) => Play(battle, _options, parts: null);

    /// <summary>
    /// Plays the corpus once to warm up, then once more adding each part's allocated bytes to <paramref name="parts"/>
    /// (indexed by <see cref="WebSidePart"/>): where the Allocated/command column goes.
    /// </summary>
    public static void MeasureParts(long[] parts)
    {
        var options = new SpaceCombatOptions();
        foreach (var battle in BattleCorpus.Battles)
        {
            Play(battle, options, parts: null);
        }
        foreach (var battle in BattleCorpus.Battles)
        {
            Play(battle, options, parts);
        }
    }

    private static BattlePlay Play(RecordedBattle battle, SpaceCombatOptions options, long[]? parts)
    {
        var request = new NewBattleRequest(OpponentKind.Person, battle.Setup.ShipOne, battle.Setup.ShipTwo, battle.Setup.StartBand);
        var play = BattlePlay.Start(request, battle.Setup.ShipTwo, new SeededDice(battle.Seed), options, metrics: null);
        var logs = new BattleLogProjection();
        var huds = new SeatHud[] { new(Side.One, play.Snapshot), new(Side.Two, play.Snapshot) };
        var mark = GC.GetAllocatedBytesForCurrentThread();
        foreach (var command in battle.Commands)
        {
            play.Execute(command);
            Count(parts, WebSidePart.Engine, ref mark);
            for (var seat = 0; seat < huds.Length; seat++)
            {
                var log = logs.For(play.Log, Seats[seat]);
                Count(parts, WebSidePart.LogWindow, ref mark);
                var view = new BattleView("bench", OpponentKind.Person, BattlePhase.InProgress, battle.Setup.ShipOne, battle.Setup.ShipTwo,
                    battle.Setup.StartBand, play.Snapshot, play.Snapshot.Outcome, log, null, true, true, null,
                    DateTimeOffset.UnixEpoch, 0);
                Count(parts, WebSidePart.View, ref mark);
                SideActions.For(view.Snapshot!, Seats[seat]!.Value);
                Count(parts, WebSidePart.Options, ref mark);
                huds[seat].Read(view);
                Count(parts, WebSidePart.HudReads, ref mark);
            }
        }
        return play;
    }

    private static void Count(long[]? parts, WebSidePart part, ref long mark)
    {
        if (parts is null)
        {
            return;
        }
        var now = GC.GetAllocatedBytesForCurrentThread();
        parts[(int)part] += now - mark;
        mark = now;
    }

    /// <summary>The parts of the web side's work per command that <see cref="MeasureParts"/> counts.</summary>
    public enum WebSidePart
    {
        /// <summary>The grain's step: the engine's command, its events and snapshot, automation, the live log.</summary>
        Engine,
        /// <summary>Each seat's log window.</summary>
        LogWindow,
        /// <summary>Each seat's view.</summary>
        View,
        /// <summary>Each seat's options at the new snapshot (made once per snapshot and side).</summary>
        Options,
        /// <summary>What each seat's HUD reads: hints and the combat log's new lines.</summary>
        HudReads,
    }

    /// <summary>What one seat's HUD reads on a render: the helm's, end turn's and each turret's hints, and the combat log's newest lines.</summary>
    private sealed class SeatHud
    {
        private readonly Side seat;
        private readonly string[] _names;
        private readonly Func<Side, string> _shipName;
        // As the CombatLog component does: each event described once per viewer while it is shown.
        private Dictionary<BattleEvent, string> _texts = new(CombatLog.MaxLines, ReferenceEqualityComparer.Instance);
        private Dictionary<BattleEvent, string> _next = new(CombatLog.MaxLines, ReferenceEqualityComparer.Instance);

        public SeatHud(Side seat, BattleSnapshot first)
        {
            this.seat = seat;
            _names = [HudLabels.Ship(first.One.Class.Name, Side.One, seat), HudLabels.Ship(first.Two.Class.Name, Side.Two, seat)];
            _shipName = side => _names[side == Side.One ? 0 : 1];
        }

        public int Characters { get; private set; }

        public void Read(BattleView view)
        {
            var actions = SideActions.For(view.Snapshot!, seat);
            var thrust = view.Snapshot!.Ship(seat).Thrust;
            Count(ActionHint.Of(actions.EndTurn));
            Count(ActionHint.Of(actions.Manoeuvre(ManoeuvreDirection.Close, thrust)));
            Count(ActionHint.Of(actions.Manoeuvre(ManoeuvreDirection.Open, thrust)));
            foreach (var turret in actions.Turrets)
            {
                Count(ActionHint.Of(turret.FireBest));
                Count(ActionHint.Of(turret.Launch));
                Count(turret.PointDefence.Count > 0 ? ActionHint.Of(turret.PointDefence[0]) : ActionHint.Of(turret.PointDefenceUnavailable));
                Count(ActionHint.Of(turret.Sand));
            }
            var shown = 0;
            for (var i = view.Log.Count - 1; i >= 0 && shown < CombatLog.MaxLines; i--)
            {
                var entry = view.Log[i];
                if (entry is TurnStarted or RoundStarted)
                {
                    continue;
                }
                shown++;
                var text = _texts.TryGetValue(entry, out var known) ? known : CombatLogText.Describe(entry, seat, _shipName);
                _next[entry] = text;
                Characters += text.Length;
            }
            (_texts, _next) = (_next, _texts);
            _next.Clear();
        }

        private void Count(Hint hint) => Characters += hint.Description?.Length ?? 0;
    }
}
