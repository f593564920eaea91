using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Core.Internal;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles.Journal;
using SpaceCombat.Web.Tests.Operations;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Grains;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// The battles' silo on fake time and seeded dice, with the real metrics, limiter and circuit registry around it.
/// Seat leases are a day long unless a test says otherwise: the feed that renews them is not running.
/// </summary>
public sealed class BattleTestHost : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SeededDice _dice;
    private readonly Action<ISiloBuilder>? _configureSilo;
    private TestSilo _silo;

    public BattleTestHost(Action<SpaceCombatOptions>? configure = null, int seed = 7, IBattleJournal? journal = null,
        Action<ISiloBuilder>? configureSilo = null)
    {
        Options = OperationsTestOptions.Create(o =>
        {
            o.PresenceLease = TimeSpan.FromDays(1);
            configure?.Invoke(o);
        });
        Metrics = new SpaceCombatMetrics(_services.GetRequiredService<IMeterFactory>(), Time);
        _dice = new SeededDice(seed);
        _configureSilo = configureSilo;
        _silo = new TestSilo(Time, Options, Metrics, _dice, journal, configureSilo);
        Limiter = new PlayerActionRateLimiter(Options, Time, Metrics);
        Circuits = new CircuitActivityRegistry(Time, Options, Metrics);
        ClientLimits = new ClientLimits(Options, Time, NullLogger<ClientLimits>.Instance, Metrics);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    public Microsoft.Extensions.Options.IOptions<SpaceCombatOptions> Options { get; }
    public SpaceCombatMetrics Metrics { get; }
    public IBattleRegistry Registry => _silo.Registry;
    public TestSilo Silo => _silo;
    public PlayerActionRateLimiter Limiter { get; }
    public CircuitActivityRegistry Circuits { get; }
    public ClientLimits ClientLimits { get; }

    public CombatSession NewSession() =>
        new(Registry, Limiter, ClientLimits, CurrentCircuits.Create(Circuits, Options, Time, ClientLimits), NullLogger<CombatSession>.Instance);

    /// <summary>
    /// Stops the silo and starts another on the same clock, over <paramref name="journal"/> (or the same journal): every
    /// battle is then only what the journal kept. Nothing is written when a grain stops, so this is what a crash leaves.
    /// </summary>
    public void Restart(IBattleJournal? journal = null)
    {
        var kept = journal ?? _silo.Journal;
        _silo.Dispose();
        _silo = new TestSilo(Time, Options, Metrics, _dice, kept, _configureSilo);
    }

    /// <summary>A person-vs-person battle with both seats taken.</summary>
    public async Task<(SeatGrant One, SeatGrant Two)> StartPersonBattleAsync(string shipOne = "scout", string shipTwo = "free_trader", RangeBand band = RangeBand.Medium)
    {
        var (one, problem) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, shipOne, null, band));
        Assert.Null(problem);
        var (two, joinProblem) = await Registry.JoinAsync(one!.BattleId, shipTwo);
        Assert.Null(joinProblem);
        return (one, two!);
    }

    /// <summary>
    /// The battle's activation goes (as when its node dies) and the battle comes back in a new activation, which knows no
    /// observer, and ends a turn there. Returns the battle as it was before.
    /// </summary>
    public async Task<BattleSnapshot> EndTurnInNewActivationAsync(SeatGrant one, SeatGrant two)
    {
        var before = (await Registry.GetAsync(one.BattleId))!.Snapshot!;
        await Silo.Grains.GetGrain<IBattleGrain>(one.BattleId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var active = before.ActiveSide!.Value;
        Assert.True((await Registry.ExecuteAsync(one.BattleId, active == Side.One ? one.Token : two.Token, new EndTurn(active))).Accepted);
        return before;
    }

    /// <summary>Collects the views a battle broadcasts to <paramref name="viewer"/> (null: spectators).</summary>
    public async Task<BroadcastViews> WatchAsync(string battleId, Side? viewer = null)
    {
        var views = new BroadcastViews();
        views.Subscription = await Registry.SubscribeAsync(battleId, viewer, views.Add);
        return views;
    }

    public void Dispose()
    {
        _silo.Dispose();
        Limiter.Dispose();
        ClientLimits.Dispose();
        _services.Dispose();
    }
}

/// <summary>Views a battle broadcast, in the order they came; broadcasts are one-way, so tests wait for the one they expect.</summary>
public sealed class BroadcastViews : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<BattleView> _views = [];
    private readonly List<(Func<BattleView, bool> Wanted, TaskCompletionSource<BattleView> Arrived)> _waiting = [];

    public IDisposable? Subscription { get; set; }

    public IReadOnlyList<BattleView> Views
    {
        get
        {
            lock (_gate)
            {
                return _views.ToArray();
            }
        }
    }

    public void Add(BattleView view)
    {
        lock (_gate)
        {
            _views.Add(view);
            foreach (var waiting in _waiting.Where(w => w.Wanted(view)).ToArray())
            {
                waiting.Arrived.TrySetResult(view);
                _waiting.Remove(waiting);
            }
        }
    }

    /// <summary>The first broadcast view (already come, or still to come within ten seconds) that is <paramref name="wanted"/>.</summary>
    public Task<BattleView> NextAsync(Func<BattleView, bool> wanted, int after = 0)
    {
        lock (_gate)
        {
            if (_views.Skip(after).FirstOrDefault(wanted) is { } seen)
            {
                return Task.FromResult(seen);
            }
            var arrived = new TaskCompletionSource<BattleView>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((wanted, arrived));
            return arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose() => Subscription?.Dispose();
}
