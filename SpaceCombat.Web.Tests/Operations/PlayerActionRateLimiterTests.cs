using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class PlayerActionRateLimiterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SpaceCombatMetrics _metrics;
    private readonly PlayerActionRateLimiter _limiter;

    public PlayerActionRateLimiterTests()
    {
        _metrics = new SpaceCombatMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), _time);
        // Defaults: 2 actions per 1 s window.
        _limiter = new PlayerActionRateLimiter(OperationsTestOptions.Create(), _time, _metrics);
    }

    public void Dispose()
    {
        _limiter.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Two_actions_are_accepted_in_a_window_and_the_third_is_refused()
    {
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.False(_limiter.TryAcquire("alice"));
    }

    [Fact]
    public void Actions_are_accepted_again_once_the_window_has_moved_past_them()
    {
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.True(_limiter.TryAcquire("alice"));

        _time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.False(_limiter.TryAcquire("alice"));

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.False(_limiter.TryAcquire("alice"));
    }

    [Fact]
    public void The_window_slides_rather_than_resets()
    {
        Assert.True(_limiter.TryAcquire("alice"));            // t = 0
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(_limiter.TryAcquire("alice"));            // t = 0.5 s
        Assert.False(_limiter.TryAcquire("alice"));

        _time.Advance(TimeSpan.FromMilliseconds(500));         // t = 1 s: the t = 0 action left the window
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.False(_limiter.TryAcquire("alice"));            // the t = 0.5 s action is still in it

        _time.Advance(TimeSpan.FromMilliseconds(500));         // t = 1.5 s
        Assert.True(_limiter.TryAcquire("alice"));
    }

    [Fact]
    public void A_long_pause_restores_the_full_budget()
    {
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.True(_limiter.TryAcquire("alice"));

        _time.Advance(TimeSpan.FromHours(3));

        Assert.True(_limiter.TryAcquire("alice"));
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.False(_limiter.TryAcquire("alice"));
    }

    [Fact]
    public void Players_do_not_affect_each_other()
    {
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.False(_limiter.TryAcquire("alice"));

        Assert.True(_limiter.TryAcquire("bob"));
        Assert.True(_limiter.TryAcquire("bob"));
        Assert.False(_limiter.TryAcquire("bob"));
        Assert.False(_limiter.TryAcquire("alice"));
    }

    [Fact]
    public void Removing_a_player_drops_its_limiter()
    {
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.True(_limiter.TryAcquire("bob"));
        Assert.True(_limiter.TryAcquire("bob"));

        Assert.True(_limiter.RemovePlayer("alice"));
        Assert.False(_limiter.RemovePlayer("alice"));

        // Forgotten: alice starts a fresh window; bob's is untouched.
        Assert.True(_limiter.TryAcquire("alice"));
        Assert.False(_limiter.TryAcquire("bob"));
    }

    [Fact]
    public void Refusals_are_counted_as_rate_limited_actions()
    {
        using var collector = new MetricCollector<long>(
            _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SpaceCombatMetrics.MeterName, "spacecombat.actions.rate_limited");

        _limiter.TryAcquire("alice");
        _limiter.TryAcquire("alice");
        _limiter.TryAcquire("alice");
        _limiter.TryAcquire("alice");

        Assert.Equal(2, collector.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, _metrics.Current.ActionsRateLimited);
    }

    [Fact]
    public void Other_settings_are_honoured()
    {
        using var limiter = new PlayerActionRateLimiter(
            OperationsTestOptions.Create(o => { o.RateLimitMaxActions = 3; o.RateLimitWindow = TimeSpan.FromSeconds(10); }), _time);

        Assert.True(limiter.TryAcquire("alice"));
        Assert.True(limiter.TryAcquire("alice"));
        Assert.True(limiter.TryAcquire("alice"));
        Assert.False(limiter.TryAcquire("alice"));

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(limiter.TryAcquire("alice"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire("alice"));
    }
}
