using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SpaceCombat.Web.Components.Layout;

namespace SpaceCombat.Web.Tests.Components;

public sealed class TabTitleTests : MudBunitContext
{
    [Fact]
    public void In_the_circuit_the_title_is_only_on_the_page_for_the_browser_to_copy()
    {
        var title = Render<TabTitle>(p => p.Add(t => t.Text, "Ships · SpaceCombat"));

        Assert.Equal("Ships · SpaceCombat", title.Find("span[hidden][data-page-title]").GetAttribute("data-page-title"));
        Assert.Empty(title.FindComponents<PageTitle>());
    }

    [Fact]
    public void As_the_page_is_prerendered_the_title_goes_to_the_head()
    {
        SetRendererInfo(new RendererInfo("Static", false));

        var title = Render<TabTitle>(p => p.Add(t => t.Text, "Ships · SpaceCombat"));

        Assert.Equal("Ships · SpaceCombat", Render(title.FindComponent<PageTitle>().Instance.ChildContent!).Markup);
        Assert.Equal("Ships · SpaceCombat", title.Find("[data-page-title]").GetAttribute("data-page-title"));
    }
}
