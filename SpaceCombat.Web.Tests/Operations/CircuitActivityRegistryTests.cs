using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class CircuitActivityRegistryTests : IDisposable
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SpaceCombatMetrics _metrics;
    private readonly CircuitActivityRegistry _registry;

    public CircuitActivityRegistryTests()
    {
        _metrics = new SpaceCombatMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), _time);
        _registry = new CircuitActivityRegistry(_time, OperationsTestOptions.Create(o => o.IdleTimeout = IdleTimeout), _metrics);
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public void A_circuit_is_idle_after_exactly_the_idle_timeout_without_input_and_not_before()
    {
        _registry.CircuitOpened("c1");

        _time.Advance(IdleTimeout - TimeSpan.FromTicks(1));
        Assert.Empty(_registry.DisconnectIdleCircuits());

        _time.Advance(TimeSpan.FromTicks(1));
        var disconnect = Assert.Single(_registry.DisconnectIdleCircuits());
        Assert.Equal("c1", disconnect.CircuitId);
        Assert.Equal(IdleTimeout, disconnect.IdleTime);
    }

    [Fact]
    public void Input_restarts_the_idle_clock()
    {
        _registry.CircuitOpened("c1");
        _time.Advance(TimeSpan.FromSeconds(20));
        _registry.RecordActivity("c1");

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(_registry.DisconnectIdleCircuits());

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(_registry.DisconnectIdleCircuits());
    }

    [Fact]
    public void Waiting_on_the_opponent_does_not_count_as_idle()
    {
        _registry.CircuitOpened("c1");
        _registry.AssociateBattle("c1", "battle-1", "red");
        _time.Advance(TimeSpan.FromSeconds(10));

        _registry.SetWaitingOnOpponent("c1", true);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(_registry.DisconnectIdleCircuits());

        // The player's turn again: the clock restarts from zero.
        _registry.SetWaitingOnOpponent("c1", false);
        _time.Advance(IdleTimeout - TimeSpan.FromSeconds(1));
        Assert.Empty(_registry.DisconnectIdleCircuits());

        _time.Advance(TimeSpan.FromSeconds(1));
        var disconnect = Assert.Single(_registry.DisconnectIdleCircuits());
        Assert.Equal(("battle-1", "red"), (disconnect.BattleId, disconnect.Seat));
    }

    [Fact]
    public void Input_while_waiting_keeps_the_clock_stopped()
    {
        _registry.CircuitOpened("c1");
        _registry.SetWaitingOnOpponent("c1", true);
        _time.Advance(TimeSpan.FromMinutes(1));
        _registry.RecordActivity("c1");
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(_registry.DisconnectIdleCircuits());
    }

    [Fact]
    public void Leaving_the_battle_ends_waiting_and_restarts_the_clock()
    {
        _registry.CircuitOpened("c1");
        _registry.AssociateBattle("c1", "battle-1", "blue");
        _registry.SetWaitingOnOpponent("c1", true);
        _time.Advance(TimeSpan.FromMinutes(3));

        _registry.ClearBattle("c1");
        _time.Advance(IdleTimeout - TimeSpan.FromTicks(1));
        Assert.Empty(_registry.DisconnectIdleCircuits());

        _time.Advance(TimeSpan.FromTicks(1));
        var disconnect = Assert.Single(_registry.DisconnectIdleCircuits());
        Assert.Equal((null, null, IdleTimeout), (disconnect.BattleId, disconnect.Seat, disconnect.IdleTime));
    }

    [Fact]
    public void Idle_circuits_are_notified_released_and_counted()
    {
        _registry.CircuitOpened("idle");
        _registry.CircuitOpened("busy");
        var notified = new List<CircuitIdleDisconnect>();
        using var subscription = _registry.OnIdleDisconnect("idle", notified.Add);
        using var otherSubscription = _registry.OnIdleDisconnect("busy", notified.Add);

        _time.Advance(TimeSpan.FromSeconds(29));
        _registry.RecordActivity("busy");
        _time.Advance(TimeSpan.FromSeconds(1));
        _registry.DisconnectIdleCircuits();

        Assert.Equal("idle", Assert.Single(notified).CircuitId);
        Assert.Equal(1, _metrics.Current.IdleDisconnects);

        // Released: it is not reported twice, and late activity does not bring it back.
        _registry.RecordActivity("idle");
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(["busy"], _registry.DisconnectIdleCircuits().Select(d => d.CircuitId));
        Assert.Single(notified, n => n.CircuitId == "idle");
    }

    [Fact]
    public void An_unsubscribed_callback_is_not_called_and_a_failing_one_does_not_stop_the_others()
    {
        _registry.CircuitOpened("c1");
        var calls = 0;
        var unsubscribed = _registry.OnIdleDisconnect("c1", _ => calls += 100);
        using var failing = _registry.OnIdleDisconnect("c1", _ => throw new InvalidOperationException("boom"));
        using var counting = _registry.OnIdleDisconnect("c1", _ => calls++);
        unsubscribed.Dispose();

        _time.Advance(IdleTimeout);
        _registry.DisconnectIdleCircuits();

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Disconnected_circuits_are_not_idle_checked_but_stay_tracked_with_their_seat()
    {
        _registry.CircuitOpened("c1");
        _registry.AssociateBattle("c1", "battle-1", "red");
        _time.Advance(TimeSpan.FromSeconds(5));
        _registry.ConnectionDown("c1");

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(_registry.DisconnectIdleCircuits());

        _registry.ConnectionUp("c1");
        _time.Advance(IdleTimeout);
        var disconnect = Assert.Single(_registry.DisconnectIdleCircuits());
        Assert.Equal(("c1", "battle-1", "red"), (disconnect.CircuitId, disconnect.BattleId, disconnect.Seat));
    }

    [Fact]
    public void Reconnecting_clears_the_disconnection_and_restarts_the_clock()
    {
        _registry.CircuitOpened("c1");
        _registry.ConnectionDown("c1");
        _time.Advance(TimeSpan.FromMinutes(1));
        _registry.ConnectionUp("c1");

        _time.Advance(IdleTimeout - TimeSpan.FromTicks(1));
        Assert.Empty(_registry.DisconnectIdleCircuits());
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(IdleTimeout, Assert.Single(_registry.DisconnectIdleCircuits()).IdleTime);
    }

    [Fact]
    public void Closed_circuits_are_forgotten()
    {
        _registry.CircuitOpened("c1");

        Assert.True(_registry.CircuitClosed("c1"));
        Assert.False(_registry.CircuitClosed("c1"));
        _time.Advance(IdleTimeout);
        Assert.Empty(_registry.DisconnectIdleCircuits());
    }

    [Fact]
    public void Current_circuit_reports_idle_disconnect_and_starts_closing_with_the_idle_notice()
    {
        using var current = CurrentCircuits.Create(_registry, OperationsTestOptions.Create(o => o.IdleTimeout = IdleTimeout), _time);
        _registry.CircuitOpened("c1");
        current.Open("c1", connection: null);
        CircuitIdleDisconnect? seen = null;
        var closing = 0;
        current.IdleDisconnected += disconnect => seen = disconnect;
        current.Closing += () => closing++;
        current.AssociateBattle("battle-1", "red");
        current.SetWaitingOnOpponent(true);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(_registry.DisconnectIdleCircuits());
        Assert.Null(current.ClosedFor);

        current.SetWaitingOnOpponent(false);
        _time.Advance(IdleTimeout);
        _registry.DisconnectIdleCircuits();

        Assert.Equal("c1", seen?.CircuitId);
        Assert.Equal(CircuitCloseReason.Idle, current.ClosedFor);
        Assert.Equal(1, closing);
        Assert.False(_registry.CircuitClosed("c1"), "an idle circuit is no longer tracked");
    }

    [Fact]
    public void A_circuit_beyond_its_clients_limit_is_closed_as_too_many()
    {
        var options = OperationsTestOptions.Create(o => o.CircuitsPerClient = 2);
        using var limits = new ClientLimits(options, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ClientLimits>.Instance);
        var circuits = Enumerable.Range(1, 3).Select(_ => CurrentCircuits.Create(_registry, options, _time, limits)).ToArray();
        for (var i = 0; i < circuits.Length; i++)
        {
            _registry.CircuitOpened($"c{i}");
            circuits[i].Open($"c{i}", connection: null);
        }

        Assert.Null(circuits[0].ClosedFor);
        Assert.Null(circuits[1].ClosedFor);
        Assert.Equal(CircuitCloseReason.TooManyCircuits, circuits[2].ClosedFor);
        Assert.False(limits.CanOpenCircuit(ClientAddress.Unknown));

        // A closed circuit gives its place back.
        circuits[0].Dispose();
        Assert.True(limits.CanOpenCircuit(ClientAddress.Unknown));
        foreach (var circuit in circuits)
        {
            circuit.Dispose();
        }
    }
}
