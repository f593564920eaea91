using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpaceCombat.Web.Operations.WarmUp;

namespace SpaceCombat.Web.Tests.Operations.WarmUp;

public sealed class WarmUpReadinessTests
{
    [Fact]
    public async Task Degraded_while_warming_up_then_healthy_with_the_first_outcome()
    {
        var readiness = new WarmUpReadiness();

        var warming = await readiness.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, warming.Status);
        Assert.Null(readiness.Outcome);
        Assert.False(readiness.WhenEnded.IsCompleted);

        readiness.Ended("8 of 8 practice battles");
        readiness.Ended("the server is stopping");

        var ended = await readiness.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, ended.Status);
        Assert.Equal("Warm-up ended: 8 of 8 practice battles", ended.Description);
        Assert.Equal("8 of 8 practice battles", await readiness.WhenEnded);
    }
}
