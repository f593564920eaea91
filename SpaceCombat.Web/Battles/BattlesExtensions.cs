using Microsoft.AspNetCore.Components.Server.Circuits;
using SpaceCombat.Core.Dice;

namespace SpaceCombat.Web.Battles;

public static class BattlesExtensions
{
    /// <summary>The battle registry (singleton), the per-circuit combat session and its presence handler, and the pruner.</summary>
    public static IServiceCollection AddBattles(this IServiceCollection services)
    {
        services.AddSingleton<IDice>(CryptoDice.Instance);
        services.AddSingleton<InMemoryBattleRegistry>();
        services.AddSingleton<IBattleRegistry>(sp => sp.GetRequiredService<InMemoryBattleRegistry>());
        services.AddScoped<CombatSession>();
        services.AddScoped<SeatStore>();
        services.AddScoped<CircuitHandler, SeatPresenceHandler>();
        services.AddHostedService<BattlePruner>();
        services.AddSingleton<MatchupOdds>();
        return services;
    }
}
