using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class ShutdownNotifierOperationsTests
{
    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }

    [Fact]
    public async Task Every_subscriber_is_told_once_when_the_host_begins_to_stop()
    {
        using var lifetime = new Lifetime();
        using var notifier = new ShutdownNotifier(lifetime, new FakeTimeProvider(), NullLogger<ShutdownNotifier>.Instance);
        await notifier.StartAsync(default);
        var told = 0;
        notifier.Stopping += () => told++;
        notifier.Stopping += () => throw new InvalidOperationException("a closed page");
        notifier.Stopping += () => told++;

        Assert.False(notifier.IsStopping);
        lifetime.StopApplication();
        notifier.NotifyStopping();

        Assert.True(notifier.IsStopping);
        Assert.Equal(2, told);
    }

    [Fact]
    public async Task Stopping_waits_the_notice_delay_only_while_pages_are_open()
    {
        using var lifetime = new Lifetime();
        var time = new FakeTimeProvider();
        using var notifier = new ShutdownNotifier(lifetime, time, NullLogger<ShutdownNotifier>.Instance);

        await notifier.StopAsync(default); // nobody watching: at once

        Action page = () => { };
        notifier.Stopping += page;
        var stop = notifier.StopAsync(default);
        Assert.False(stop.IsCompleted);
        time.Advance(ShutdownNotifier.NoticeDelay);
        await stop;

        notifier.Stopping -= page;
        Assert.Equal(0, notifier.SubscriberCount);
    }
}
