using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>The limiter's queue (defaults: 2 actions per 1 s, 6 waiting): a burst is paced on the product's clock, a flood past the queue refused.</summary>
public sealed class PlayerActionRateLimiterQueueTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SpaceCombatMetrics _metrics;
    private readonly PlayerActionRateLimiter _limiter;

    public PlayerActionRateLimiterQueueTests()
    {
        _metrics = new SpaceCombatMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), _time);
        _limiter = new PlayerActionRateLimiter(OperationsTestOptions.Create(), _time, _metrics);
    }

    public void Dispose()
    {
        _limiter.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Eight_actions_150_ms_apart_are_all_granted_none_refused()
    {
        var permits = new List<Task<bool>>();
        for (var click = 0; click < 8; click++)
        {
            permits.Add(_limiter.AcquireAsync("alice").AsTask());
            _time.Advance(TimeSpan.FromMilliseconds(150));
        }
        // At 2 per second, the first two go at once and the other six wait for permits that come back from t = 1 s.
        Assert.True(permits[0].IsCompletedSuccessfully && permits[1].IsCompletedSuccessfully);
        Assert.False(permits[7].IsCompleted);

        // Six waiting: by 1 s after the last click no more than one more window's worth (2) has been granted.
        _time.Advance(TimeSpan.FromMilliseconds(850));
        Assert.False(permits[7].IsCompleted);
        for (var waited = 0; waited < 80 && !permits.All(p => p.IsCompleted); waited++)
        {
            _time.Advance(Step);
        }

        Assert.All(await Task.WhenAll(permits).WaitAsync(Patience), Assert.True);
        Assert.Equal(0, _metrics.Current.ActionsRateLimited);
    }

    [Fact]
    public async Task Thirty_actions_in_one_second_grant_the_limit_and_the_queue_and_refuse_the_rest_at_once()
    {
        var permits = new List<Task<bool>>();
        for (var click = 0; click < 30; click++)
        {
            permits.Add(_limiter.AcquireAsync("alice").AsTask());
            _time.Advance(TimeSpan.FromMilliseconds(33));
        }
        // 2 granted + 6 waiting; the 22 others were answered at once.
        Assert.Equal(22, permits.Count(p => p.IsCompleted && !p.Result));

        for (var waited = 0; waited < 80 && !permits.All(p => p.IsCompleted); waited++)
        {
            _time.Advance(Step);
        }
        var results = await Task.WhenAll(permits).WaitAsync(Patience);
        Assert.Equal(8, results.Count(granted => granted));
        Assert.True(results.Take(8).All(granted => granted), "the first eight clicks are the ones granted");
        Assert.Equal(22, _metrics.Current.ActionsRateLimited);
    }

    [Fact]
    public async Task Actions_waiting_for_a_player_who_leaves_are_not_granted()
    {
        await _limiter.AcquireAsync("alice");
        await _limiter.AcquireAsync("alice");
        var waiting = _limiter.AcquireAsync("alice").AsTask();
        Assert.False(waiting.IsCompleted);

        _limiter.RemovePlayer("alice");
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(await waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_queue_of_zero_refuses_every_action_over_the_limit()
    {
        using var limiter = new PlayerActionRateLimiter(OperationsTestOptions.Create(o => o.RateLimitQueueLimit = 0), _time);
        Assert.True(await limiter.AcquireAsync("alice"));
        Assert.True(await limiter.AcquireAsync("alice"));
        Assert.False(await limiter.AcquireAsync("alice"));
    }
}
