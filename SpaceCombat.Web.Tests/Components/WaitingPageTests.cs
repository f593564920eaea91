using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using BattlePage = SpaceCombat.Web.Components.Pages.Battle;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>The battle page of a two-player battle waiting for its opponent: the invite link and the code.</summary>
public sealed class WaitingPageTests : BattlePageContext
{
    [Fact]
    public async Task Copying_the_invite_link_says_so_in_the_pages_own_snackbar()
    {
        var (grant, problem) = await Services.GetRequiredService<IBattleRegistry>().CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Medium));
        Assert.Null(problem);
        var battleId = grant!.BattleId;
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/battle/{battleId}");
        JSInterop.Setup<bool>("spaceCombat.copy", _ => true).SetResult(true);

        var page = Render<BattlePage>(parameters => parameters.Add(p => p.Id, battleId));
        page.WaitForAssertion(() => Assert.Equal(battleId, page.Find("[data-testid=battle-code]").TextContent.Trim()));
        // The provider comes with the page's first snackbar, not with every battle circuit.
        Assert.Empty(page.FindComponents<MudBlazor.MudSnackbarProvider>());
        page.Find("button[aria-label='Copy invite link']").Click();

        // The click's handler awaits before it copies: wait for the call rather than read the invocations at once.
        page.WaitForAssertion(() => Assert.Equal($"http://localhost/join/{battleId}",
            Assert.Single(JSInterop.Invocations, i => i.Identifier == "spaceCombat.copy").Arguments[0]));
        // No snackbar provider in this test's services or in the layout: the page brings its own.
        page.WaitForAssertion(() => Assert.Equal("Invite link copied.", page.Find(".mud-snackbar .mud-snackbar-content-message").TextContent.Trim()));
    }
}
