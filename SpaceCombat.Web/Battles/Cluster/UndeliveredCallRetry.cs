namespace SpaceCombat.Web.Battles.Cluster;

/// <summary>
/// Sends a battle call again when Orleans could not deliver it. After a node dies, calls to the battles that lived on
/// it are rejected at sending (the node refuses connections) until the cluster declares it dead, a few seconds later;
/// from then on the next call activates the battle on a live node. A rejected message was never processed, so sending
/// it again cannot apply a command twice; a call that may have arrived (a timeout) is never repeated.
/// </summary>
public static class UndeliveredCallRetry
{
    /// <summary>About 20 s in all: well past a death declaration (a few missed probes of 1–2 s each).</summary>
    private static readonly TimeSpan[] Pauses =
    [
        TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3),
        TimeSpan.FromSeconds(3),
    ];

    public static async Task<T> CallAsync<T>(Func<Task<T>> call, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(time);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (OrleansMessageRejectionException) when (attempt < Pauses.Length && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Pauses[attempt], time, cancellationToken);
            }
        }
    }

    public static Task CallAsync(Func<Task> call, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync(async () =>
        {
            await call();
            return true;
        }, time, cancellationToken);
    }
}
