using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Battles.Cluster;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>A battle call Orleans could not deliver (its node just died) is sent again; one that may have arrived is not.</summary>
public sealed class UndeliveredCallRetryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    /// <summary>What Orleans throws for a message it could not send (its constructors are internal to Orleans).</summary>
    private static OrleansMessageRejectionException Rejected() =>
        (OrleansMessageRejectionException)Activator.CreateInstance(typeof(OrleansMessageRejectionException),
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, null, ["Unable to connect"], null)!;

    [Fact]
    public async Task A_call_rejected_at_sending_is_sent_again_until_it_is_delivered()
    {
        var attempts = 0;
        var call = UndeliveredCallRetry.CallAsync(() =>
        {
            attempts++;
            return attempts < 3 ? throw Rejected() : Task.FromResult("delivered");
        }, _time);

        Assert.Equal(1, attempts);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(2, attempts);
        _time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal("delivered", await call);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_call_that_may_have_arrived_is_not_sent_again()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => UndeliveredCallRetry.CallAsync(() =>
        {
            attempts++;
            return Task.FromException<int>(new TimeoutException("no answer"));
        }, _time));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_node_that_never_comes_back_fails_the_call_after_about_twenty_seconds()
    {
        var call = UndeliveredCallRetry.CallAsync(() => Task.FromException<int>(Rejected()), _time);
        for (var second = 0; second < 25 && !call.IsCompleted; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await Assert.ThrowsAsync<OrleansMessageRejectionException>(() => call);
        Assert.True(_time.GetUtcNow() - new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero) <= TimeSpan.FromSeconds(25));
    }
}
