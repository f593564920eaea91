using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using SpaceCombat.Web.Components;

namespace SpaceCombat.Web.Tests.Components;

public sealed class PreviousRenderTreesTests : MudBunitContext
{
    /// <summary>A count and a button that raises it: each click renders the component again.</summary>
    private sealed class Counter : ComponentBase
    {
        public int Count { get; private set; }

        public void Raise()
        {
            Count++;
            StateHasChanged();
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "onclick", EventCallback.Factory.Create(this, Raise));
            builder.AddContent(2, Count);
            builder.CloseElement();
        }
    }

    [Fact]
    public async Task A_component_rendered_again_holds_its_older_render_until_released()
    {
        var counter = Render<Counter>();
        Assert.Empty(await OlderRenderTrees.HeldByAsync(Renderer));

        counter.Find("button").Click();
        Assert.Equal([nameof(Counter)], await OlderRenderTrees.HeldByAsync(Renderer));

        await counter.InvokeAsync(() => PreviousRenderTrees.ReleaseAll(counter.Instance));

        Assert.True(PreviousRenderTrees.IsAvailable);
        Assert.Empty(await OlderRenderTrees.HeldByAsync(Renderer));
        counter.Find("button").Click();
        Assert.Equal("2", counter.Find("button").TextContent);
    }

    [Fact]
    public async Task A_release_changes_nothing_the_next_render_sends_the_browser()
    {
        await using var renderer = new AcknowledgingRenderer();
        var root = await renderer.RenderAsync<Counter>(new Dictionary<string, object?>());
        await renderer.AcknowledgeAllAsync();
        var counter = await renderer.Dispatcher.InvokeAsync(() => (Counter)renderer.ComponentOf(root));

        await renderer.Dispatcher.InvokeAsync(counter.Raise);
        await renderer.AcknowledgeAllAsync();
        await renderer.Dispatcher.InvokeAsync(() => PreviousRenderTrees.ReleaseAll(counter));
        Assert.Empty(await OlderRenderTrees.HeldByAsync(renderer));
        await renderer.Dispatcher.InvokeAsync(counter.Raise);
        await renderer.AcknowledgeAllAsync();

        // The same edits before and after the release: the next render is compared with the last one, which stays.
        var raised = renderer.Batches.Skip(1).ToList();
        Assert.Equal(2, raised.Count);
        var update = Assert.Single(raised[0].Updates);
        Assert.Equal(root, update.ComponentId);
        Assert.InRange(update.Edits, 1, 3);
        Assert.Equal(raised[0].Updates, raised[1].Updates);
    }
}
