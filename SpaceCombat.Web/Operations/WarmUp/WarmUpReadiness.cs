using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpaceCombat.Web.Operations.WarmUp;

/// <summary>
/// Readiness while the server warms up (<see cref="ServerWarmUp"/>): degraded (which /ready answers with 503) until the
/// warm-up has ended, however it ended (done, off, cut short by its time limit or failed: a warm-up never keeps a
/// server out of service). Degraded, not unhealthy: a server warming up is expected, not an error to log per probe.
/// </summary>
public sealed class WarmUpReadiness : IHealthCheck
{
    public const string Name = "warm-up";

    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How the warm-up ended; null while it runs.</summary>
    public string? Outcome => _ended.Task.IsCompleted ? _ended.Task.Result : null;

    /// <summary>Completes with the outcome when the warm-up ends.</summary>
    public Task<string> WhenEnded => _ended.Task;

    /// <summary>Marks the warm-up ended; the first outcome stays.</summary>
    public void Ended(string outcome) => _ended.TrySetResult(outcome);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Outcome is { } outcome
            ? HealthCheckResult.Healthy($"Warm-up ended: {outcome}")
            : HealthCheckResult.Degraded("The server is warming up (practice battles through its own pages)"));
}
