using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class ShutdownNotifierOperationsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();

    private ShutdownNotifier CreateNotifier() =>
        new(OperationsTestOptions.Create(o => o.RestartNoticeTimeout = Timeout), _time, NullLogger<ShutdownNotifier>.Instance);

    [Fact]
    public async Task Every_page_is_told_once_and_the_stop_waits_until_they_show_the_notice()
    {
        var notifier = CreateNotifier();
        var told = 0;
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        notifier.Subscribe(() => { told++; return first.Task; });
        notifier.Subscribe(() => throw new InvalidOperationException("a closed page"));
        notifier.Subscribe(() => { told++; return second.Task; });

        Assert.False(notifier.IsStopping);
        var telling = notifier.TellPagesAsync();
        Assert.True(notifier.IsStopping);
        Assert.Same(telling, notifier.TellPagesAsync());

        first.SetResult();
        Assert.False(telling.IsCompleted, "a page has not shown the notice yet");
        second.SetResult();
        await telling;
        Assert.Equal(2, told);
    }

    [Fact]
    public async Task A_page_that_never_confirms_holds_the_stop_no_longer_than_the_timeout()
    {
        var notifier = CreateNotifier();
        var asked = new TaskCompletionSource();
        notifier.Subscribe(() =>
        {
            asked.SetResult();
            return new TaskCompletionSource().Task;
        });

        var telling = notifier.TellPagesAsync();
        await asked.Task;
        _time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(telling.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await telling.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_unsubscribed_page_is_not_told()
    {
        var notifier = CreateNotifier();
        var told = 0;
        var page = notifier.Subscribe(() => { told++; return Task.CompletedTask; });
        Assert.Equal(1, notifier.PageCount);
        page.Dispose();
        Assert.Equal(0, notifier.PageCount);

        await notifier.TellPagesAsync();
        Assert.Equal(0, told);
    }

    [Fact]
    public async Task A_signalled_stop_tells_the_pages_before_the_application_stops()
    {
        var notifier = CreateNotifier();
        var page = new TaskCompletionSource();
        notifier.Subscribe(() => page.Task);
        var application = new RecordingLifetime();
        var lifetime = new RestartNoticeApplicationLifetime(application, notifier);

        lifetime.StopApplication();
        Assert.True(notifier.IsStopping);
        Assert.Equal(0, application.StopCalls);

        page.SetResult();
        await application.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        lifetime.StopApplication();
        Assert.Equal(1, application.StopCalls);
    }

    private sealed class RecordingLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public int StopCalls;
        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
            Interlocked.Increment(ref StopCalls);
            Stopped.TrySetResult();
        }
    }
}
