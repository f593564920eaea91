using Microsoft.Extensions.Options;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

internal static class OperationsTestOptions
{
    public static IOptions<SpaceCombatOptions> Create(Action<SpaceCombatOptions>? configure = null)
    {
        var options = new SpaceCombatOptions();
        configure?.Invoke(options);
        return Options.Create(options);
    }
}
