using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.AspNetCore.Components.Rendering;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

public sealed class PlainMarkupTests
{
    // Reads the render tree itself: what a circuit keeps is the attribute's string object, which the DOM cannot show.
#pragma warning disable BL0006
    private static string ClassOf(RenderFragment fragment)
    {
        var builder = new RenderTreeBuilder();
        fragment(builder);
        var frames = builder.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i] is { FrameType: RenderTreeFrameType.Attribute, AttributeName: "class" } frame)
            {
                return (string)frame.AttributeValue;
            }
        }
        throw new InvalidOperationException("The fragment rendered no class.");
    }
#pragma warning restore BL0006

    [Fact]
    public void A_kept_progress_bar_renders_the_one_class_text_it_was_made_with()
    {
        var progress = PlainMarkup.Progress("primary", "mt-4", "Connecting to the battle");

        var first = ClassOf(progress);

        Assert.Equal("mud-progress-linear mud-progress-indeterminate mud-progress-linear-small mud-progress-linear-color-primary mud-progress-linear-background horizontal mt-4", first);
        // Each battle circuit's page renders the kept fragment: the same text each time, not a new one per render.
        Assert.Same(first, ClassOf(progress));
    }
}
