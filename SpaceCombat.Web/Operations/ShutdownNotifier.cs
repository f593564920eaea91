using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Tells every open page that the server is restarting before its connections close, and waits (at most
/// <see cref="SpaceCombatOptions.RestartNoticeTimeout"/>) until the pages confirm they show it. Pages subscribe with
/// <see cref="Subscribe"/>. Singleton, also registered as a hosted service.
/// </summary>
/// <remarks>
/// SignalR closes every connection as soon as <see cref="IHostApplicationLifetime.ApplicationStopping"/> fires, so
/// the notice must go out before that: on SIGTERM (or Ctrl+C) <see cref="RestartNoticeApplicationLifetime"/> tells
/// the pages before the console lifetime asks the host to stop; on a stop asked in code (<c>IHost.StopAsync</c>)
/// <see cref="StoppingAsync"/> does, as the host runs it before firing ApplicationStopping.
/// </remarks>
public sealed partial class ShutdownNotifier(IOptions<SpaceCombatOptions> options, TimeProvider time, ILogger<ShutdownNotifier> logger) : IHostedLifecycleService
{
    public const string RestartMessage = "The server is restarting…";

    private readonly Lock _lock = new();

    // A set rather than a multicast delegate: every open page subscribes, and a delegate would copy its whole
    // invocation list on each page opened and closed (quadratic in open pages).
    private readonly HashSet<PageSubscription> _pages = [];
    private Task? _telling;

    /// <summary>True once the server began telling pages it is restarting.</summary>
    public bool IsStopping { get; private set; }

    /// <summary>How many pages are subscribed.</summary>
    public int PageCount
    {
        get
        {
            lock (_lock)
            {
                return _pages.Count;
            }
        }
    }

    /// <summary>
    /// Subscribes a page. <paramref name="showNotice"/> is called once, on a background thread, when the server
    /// begins to stop; its task completes when the page shows the notice (the browser has it). Dispose to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(Func<Task> showNotice)
    {
        ArgumentNullException.ThrowIfNull(showNotice);
        var page = new PageSubscription(this, showNotice);
        lock (_lock)
        {
            _pages.Add(page);
        }
        return page;
    }

    /// <summary>
    /// Tells every subscribed page the server is restarting and completes when all of them show it, or after
    /// <see cref="SpaceCombatOptions.RestartNoticeTimeout"/>. Later calls wait for the same telling.
    /// </summary>
    public Task TellPagesAsync()
    {
        lock (_lock)
        {
            if (_telling is null)
            {
                IsStopping = true;
                _telling = TellAsync([.. _pages]);
            }
            return _telling;
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the host fires ApplicationStopping: the pages are told while their connections are up.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => TellPagesAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task TellAsync(PageSubscription[] pages)
    {
        // Off the caller's thread: the console lifetime's signal handler and the host's stop must not run page code.
        await Task.Yield();
        LogStopping(logger, pages.Length);
        // The bound starts before the first page is asked, so it counts from the notice and a page that never answers
        // (its browser is gone) cannot hold the stop longer; a page that failed was logged by Show.
        using var stopWaiting = new CancellationTokenSource();
        var deadline = Task.Delay(options.Value.RestartNoticeTimeout, time, stopWaiting.Token);
        var shown = new Task[pages.Length];
        for (var i = 0; i < pages.Length; i++)
        {
            shown[i] = Show(pages[i]);
        }
        await Task.WhenAny(Task.WhenAll(shown), deadline);
        await stopWaiting.CancelAsync();
        var confirmed = shown.Count(task => task.IsCompletedSuccessfully);
        LogTold(logger, confirmed, pages.Length);
    }

    private Task Show(PageSubscription page)
    {
        try
        {
            return page.ShowNotice();
        }
        catch (Exception exception)
        {
            LogNotifyFailed(logger, exception);
            return Task.FromException(exception);
        }
    }

    private void Unsubscribe(PageSubscription page)
    {
        lock (_lock)
        {
            _pages.Remove(page);
        }
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Server stopping: telling {Pages} open pages it is restarting")]
    private static partial void LogStopping(ILogger logger, int pages);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "A page failed to take the restart notice")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Restart notice shown on {Confirmed} of {Pages} open pages; stopping")]
    private static partial void LogTold(ILogger logger, int confirmed, int pages);

    private sealed class PageSubscription(ShutdownNotifier notifier, Func<Task> showNotice) : IDisposable
    {
        public Func<Task> ShowNotice { get; } = showNotice;

        public void Dispose() => notifier.Unsubscribe(this);
    }
}
