using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>A <see cref="CurrentCircuit"/> outside Blazor: real client limits, a terminator with no endpoints, no HTTP request.</summary>
internal static class CurrentCircuits
{
    public static CurrentCircuit Create(CircuitActivityRegistry registry, IOptions<SpaceCombatOptions> options, TimeProvider time, ClientLimits? limits = null) =>
        new(registry,
            limits ?? new ClientLimits(options, time, NullLogger<ClientLimits>.Instance),
            new CircuitTerminator(new ServiceCollection().BuildServiceProvider(), NullLogger<CircuitTerminator>.Instance),
            new HttpContextAccessor(),
            NullLogger<CurrentCircuit>.Instance);
}
