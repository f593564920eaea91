using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Web.Battles;
using BattlePage = SpaceCombat.Web.Components.Pages.Battle;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>
/// A browser that holds a seat the server cannot read (the server's keys were lost, or the value altered) is told so
/// on the battle page, instead of silently being shown the battle as a spectator.
/// </summary>
public sealed class UnreadableSeatTests : BattlePageContext
{
    [Fact]
    public async Task A_seat_protected_with_keys_the_server_no_longer_has_is_reported_and_the_page_shows_the_battle()
    {
        var grant = await CreateAiBattleAsync();
        await BrowserHoldsSeatAsync(grant, new EphemeralDataProtectionProvider());

        var page = RenderBattle(grant.BattleId);

        page.WaitForAssertion(() => Assert.Equal(BattlePage.SeatUnreadableMessage, page.Find("[data-testid=seat-unreadable]").TextContent.Trim()));
        Assert.Null(Services.GetRequiredService<CombatSession>().Seat);
        Assert.Contains(JSInterop.Invocations, call => call.Identifier == "localStorage.removeItem");
    }

    [Fact]
    public async Task A_seat_the_server_can_read_is_restored_without_a_message()
    {
        var grant = await CreateAiBattleAsync();
        await BrowserHoldsSeatAsync(grant, ServerKeys);

        var page = RenderBattle(grant.BattleId);

        page.WaitForAssertion(() => Assert.Equal(grant.Side, Services.GetRequiredService<CombatSession>().Seat));
        Assert.Empty(page.FindAll("[data-testid=seat-unreadable]"));
    }
}
