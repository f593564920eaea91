using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

public sealed class BattleTitleTests : MudBunitContext
{
    [Fact]
    public void A_new_title_is_shown_through_the_same_content_the_page_title_already_holds()
    {
        var title = Render<BattleTitle>(p => p.Add(t => t.Text, "Round 1 · SpaceCombat"));
        var content = title.FindComponent<PageTitle>().Instance.ChildContent!;
        Assert.Equal("Round 1 · SpaceCombat", Render(content).Markup);

        title.Render(p => p.Add(t => t.Text, "Your turn · Round 1 · SpaceCombat"));

        Assert.Same(content, title.FindComponent<PageTitle>().Instance.ChildContent);
        Assert.Equal("Your turn · Round 1 · SpaceCombat", Render(content).Markup);
    }
}
