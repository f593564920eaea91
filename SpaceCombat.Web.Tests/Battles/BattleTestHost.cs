using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Tests.Operations;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>A registry on fake time and seeded dice, with the real metrics, limiter and circuit registry around it.</summary>
public sealed class BattleTestHost : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public BattleTestHost(Action<SpaceCombatOptions>? configure = null, int seed = 7)
    {
        Options = OperationsTestOptions.Create(configure ?? (_ => { }));
        Metrics = new SpaceCombatMetrics(_services.GetRequiredService<IMeterFactory>(), Time);
        Registry = new InMemoryBattleRegistry(new SeededDice(seed), Time, Options, Metrics, NullLogger<InMemoryBattleRegistry>.Instance);
        Limiter = new PlayerActionRateLimiter(Options, Time, Metrics);
        Circuits = new CircuitActivityRegistry(Time, Options, Metrics);
        ClientLimits = new ClientLimits(Options, Time, NullLogger<ClientLimits>.Instance, Metrics);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    public Microsoft.Extensions.Options.IOptions<SpaceCombatOptions> Options { get; }
    public SpaceCombatMetrics Metrics { get; }
    public InMemoryBattleRegistry Registry { get; }
    public PlayerActionRateLimiter Limiter { get; }
    public CircuitActivityRegistry Circuits { get; }
    public ClientLimits ClientLimits { get; }

    public CombatSession NewSession() =>
        new(Registry, Limiter, ClientLimits, CurrentCircuits.Create(Circuits, Options, Time, ClientLimits), NullLogger<CombatSession>.Instance);

    /// <summary>A person-vs-person battle with both seats taken.</summary>
    public async Task<(SeatGrant One, SeatGrant Two)> StartPersonBattleAsync(string shipOne = "scout", string shipTwo = "free_trader", RangeBand band = RangeBand.Medium)
    {
        var (one, problem) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, shipOne, null, band));
        Assert.Null(problem);
        var (two, joinProblem) = await Registry.JoinAsync(one!.BattleId, shipTwo);
        Assert.Null(joinProblem);
        return (one, two!);
    }

    public void Dispose()
    {
        Registry.Dispose();
        Limiter.Dispose();
        ClientLimits.Dispose();
        _services.Dispose();
    }
}
