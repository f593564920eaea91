namespace SpaceCombat.Web.Operations;

/// <summary>
/// The application lifetime as the console lifetime sees it: a stop it asks for (SIGTERM, SIGINT, SIGQUIT) first
/// tells the open pages the server is restarting (<see cref="ShutdownNotifier.TellPagesAsync"/>, bounded by
/// <see cref="SpaceCombatOptions.RestartNoticeTimeout"/>), then stops the application. Without it the console
/// lifetime fires ApplicationStopping at once, and SignalR closes the pages' connections before they are told.
/// </summary>
public sealed class RestartNoticeApplicationLifetime(IHostApplicationLifetime application, ShutdownNotifier notifier) : IHostApplicationLifetime
{
    private int _stopAsked;

    public CancellationToken ApplicationStarted => application.ApplicationStarted;

    public CancellationToken ApplicationStopping => application.ApplicationStopping;

    public CancellationToken ApplicationStopped => application.ApplicationStopped;

    public void StopApplication()
    {
        if (Interlocked.Exchange(ref _stopAsked, 1) == 1)
        {
            return;
        }
        _ = StopAfterNoticeAsync();
    }

    private async Task StopAfterNoticeAsync()
    {
        try
        {
            await notifier.TellPagesAsync();
        }
        finally
        {
            application.StopApplication();
        }
    }
}
