namespace SpaceCombat.LoadTest.Server;

/// <summary>
/// The server the tool started (--start-server), which --kill-server-at kills with SIGKILL once and starts again on
/// the same port and content root; <see cref="Current"/> is whichever process serves now.
/// </summary>
public sealed class ServerRestart(ServerProcess first) : IAsyncDisposable
{
    private ServerProcess _current = first;

    public ServerProcess Current => Volatile.Read(ref _current);

    /// <summary>Waits <paramref name="after"/>, kills the server and starts it again (waiting until it is ready).</summary>
    public async Task KillAndStartAgainAsync(TimeSpan after, TextWriter log, CancellationToken cancellationToken)
    {
        await Task.Delay(after, cancellationToken);
        var killed = Current;
        log.WriteLine($"--kill-server-at: killing the server (pid {killed.ProcessId}) with SIGKILL");
        Disruptions.Mark();
        await killed.KillAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var again = await killed.StartAgainAsync(log);
        Volatile.Write(ref _current, again);
        await killed.DisposeAsync();
        log.WriteLine($"--kill-server-at: the server answers again (pid {again.ProcessId}, {started.Elapsed.TotalSeconds:F1} s after the kill)");
    }

    public ValueTask DisposeAsync() => Current.DisposeAsync();
}
