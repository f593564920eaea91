using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Battle;
using BattlePage = SpaceCombat.Web.Components.Pages.Battle;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>
/// The battle page shows every change of the battle through one HudState kept for its lifetime: the HUD's parameter
/// is that same object at every render, so a change writes no new object into the page's render tree.
/// </summary>
public sealed class BattlePageHudTests : BattlePageContext
{
    /// <summary>The battle page of a new battle against the AI, seated, once its HUD shows the battle.</summary>
    private async Task<(IRenderedComponent<BattlePage> Page, SeatGrant Grant, CombatSession Session)> RenderSeatedAsync()
    {
        var grant = await CreateAiBattleAsync();
        await BrowserHoldsSeatAsync(grant, ServerKeys);
        var session = Services.GetRequiredService<CombatSession>();

        var page = RenderBattle(grant.BattleId);
        page.WaitForAssertion(() => Assert.Same(session.View, page.FindComponent<BattleHud>().Instance.Hud.View));
        return (page, grant, session);
    }

    [Fact]
    public async Task A_refused_action_brings_the_snackbar_provider_in_with_its_message()
    {
        var (page, grant, _) = await RenderSeatedAsync();
        Assert.Empty(page.FindComponents<MudBlazor.MudSnackbarProvider>());

        // A command for a turret the ship does not have, as a forged click would send: refused by the server.
        var hud = page.FindComponent<BattleHud>().Instance;
        await page.InvokeAsync(() => hud.OnCommand!(new FireLasers(grant.Side, 99)));

        page.WaitForAssertion(() => Assert.False(string.IsNullOrWhiteSpace(page.Find(".mud-snackbar .mud-snackbar-content-message").TextContent)));
        Assert.Single(page.FindComponents<MudBlazor.MudSnackbarProvider>());
    }

    [Fact]
    public async Task A_battle_change_is_shown_through_the_same_hud_state_holding_the_new_view()
    {
        var (page, grant, session) = await RenderSeatedAsync();
        var hud = page.FindComponent<BattleHud>().Instance.Hud;
        var shown = session.View!;

        await page.InvokeAsync(() => session.SendAsync(new Surrender(grant.Side)));

        page.WaitForAssertion(() => Assert.NotNull(page.FindComponent<BattleHud>().Instance.Hud.View.Outcome));
        Assert.Same(hud, page.FindComponent<BattleHud>().Instance.Hud);
        Assert.NotSame(shown, hud.View);
        Assert.Same(session.View, hud.View);
        Assert.Equal(grant.Side, hud.Viewer);
        Assert.NotNull(hud.LoadFullLog);
    }

    [Fact]
    public async Task The_live_tab_title_is_on_the_page_for_the_browser_and_the_circuit_renders_no_head_title()
    {
        var (page, grant, session) = await RenderSeatedAsync();

        // Whose turn and which round, as hud.js copies it into the tab.
        page.WaitForAssertion(() => Assert.Matches(@"^(Your turn · )?Round \d+ · SpaceCombat$", page.Find("[data-page-title]").GetAttribute("data-page-title")));

        await page.InvokeAsync(() => session.SendAsync(new Surrender(grant.Side)));

        page.WaitForAssertion(() => Assert.Equal("Battle · SpaceCombat", page.Find("[data-page-title]").GetAttribute("data-page-title")));
        Assert.Empty(page.FindComponents<PageTitle>());
    }

    [Fact]
    public async Task The_page_goes_from_connecting_to_the_battle_in_one_batch_as_the_browser_acknowledges_each()
    {
        var grant = await CreateAiBattleAsync();
        await BrowserHoldsSeatAsync(grant, ServerKeys);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/battle/{grant.BattleId}");
        await using var renderer = new AcknowledgingRenderer(Services);

        var page = await renderer.RenderAsync<BattlePage>(new Dictionary<string, object?> { [nameof(BattlePage.Id)] = grant.BattleId });
        await renderer.AcknowledgeUntilShownAsync<BattleHud>(page, TimeSpan.FromSeconds(30));

        // "Connecting", then the battle: the change the attachment itself brings is shown by the render that follows
        // it, not by one more batch (and its acknowledgement) of its own.
        var hud = await renderer.FindAsync<BattleHud>(page);
        Assert.NotNull(hud);
        var beforeHud = renderer.Batches.TakeWhile(batch => !batch.ComponentIds.Contains(hud.Value)).ToList();
        Assert.Single(beforeHud);
        Assert.Contains(page, beforeHud[0].ComponentIds);
    }
}
