using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpaceCombat.Web.Operations;

/// <summary>Readiness: healthy once the application has started, unhealthy before that and once it is stopping.</summary>
public sealed class ApplicationStartedHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "application-started";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The application is stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested
                ? HealthCheckResult.Healthy("The application has started")
                : HealthCheckResult.Unhealthy("The application has not started yet");
        return Task.FromResult(result);
    }
}
