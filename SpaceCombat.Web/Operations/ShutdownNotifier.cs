namespace SpaceCombat.Web.Operations;

/// <summary>
/// Tells every open page that the server is restarting when the host begins to stop (SIGTERM:
/// <see cref="IHostApplicationLifetime.ApplicationStopping"/>). Layouts subscribe to <see cref="Stopping"/>.
/// On stop it waits <see cref="NoticeDelay"/> while pages are subscribed, so the notice reaches the browsers
/// before the connections close. Singleton, also registered as a hosted service.
/// </summary>
public sealed partial class ShutdownNotifier(
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<ShutdownNotifier> logger) : IHostedService, IDisposable
{
    /// <summary>The grace given to open pages to show the notice before the server stops.</summary>
    public static readonly TimeSpan NoticeDelay = TimeSpan.FromSeconds(1);

    public const string RestartMessage = "The server is restarting…";

    private readonly Lock _lock = new();

    // Every open page subscribes: a multicast delegate would copy its whole invocation list on each page opened and
    // closed (quadratic in open pages), so handlers are counted in a dictionary instead.
    private readonly Dictionary<Action, int> _stopping = [];
    private CancellationTokenRegistration _registration;
    private int _subscribers;

    /// <summary>True once the host began to stop.</summary>
    public bool IsStopping { get; private set; }

    /// <summary>Raised once when the host begins to stop, on the host's thread: components use <c>InvokeAsync</c>.</summary>
    public event Action? Stopping
    {
        add
        {
            if (value is null)
            {
                return;
            }
            lock (_lock)
            {
                _stopping[value] = _stopping.GetValueOrDefault(value) + 1;
                _subscribers++;
            }
        }
        remove
        {
            if (value is null)
            {
                return;
            }
            lock (_lock)
            {
                if (!_stopping.TryGetValue(value, out var count))
                {
                    return;
                }
                if (count == 1)
                {
                    _stopping.Remove(value);
                }
                else
                {
                    _stopping[value] = count - 1;
                }
                _subscribers--;
            }
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(NotifyStopping);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (SubscriberCount > 0)
        {
            try
            {
                await Task.Delay(NoticeDelay, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Shutdown timeout: stop now.
            }
        }
    }

    /// <summary>Tells every subscriber the server is restarting (the stopping token calls this).</summary>
    public void NotifyStopping()
    {
        List<Action> stopping;
        int subscribers;
        lock (_lock)
        {
            if (IsStopping)
            {
                return;
            }
            IsStopping = true;
            stopping = [.. _stopping.SelectMany(entry => Enumerable.Repeat(entry.Key, entry.Value))];
            subscribers = _subscribers;
        }

        LogStopping(logger, subscribers);
        foreach (var handler in stopping)
        {
            try
            {
                handler();
            }
            catch (Exception exception)
            {
                LogNotifyFailed(logger, exception);
            }
        }
    }

    public void Dispose() => _registration.Dispose();

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Server stopping: telling {Pages} open pages it is restarting")]
    private static partial void LogStopping(ILogger logger, int pages);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "A page failed to take the restart notice")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);
}
