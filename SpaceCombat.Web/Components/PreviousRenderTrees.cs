using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Renderer = Microsoft.AspNetCore.Components.RenderTree.Renderer;

namespace SpaceCombat.Web.Components;

/// <summary>
/// Gives back the render buffers that Blazor keeps for the render before each component's last one.
/// </summary>
/// <remarks>
/// A component's state holds two render trees: the last render's, which the next render is compared with, and the one
/// before, which that comparison has already used. The framework empties the older tree (returning its buffer to the
/// shared array pool) only as the component renders again, so between renders every component that has rendered twice
/// holds two buffers: about a quarter of what a battle circuit kept, which every arriving circuit brings to the garbage
/// collector to promote. Emptied right after the render, the buffer goes back to the pool, and the next render of any
/// component in the process takes it from there. The framework does the same emptying itself at the next render, so
/// doing it sooner changes nothing the renderer reads. Reaches the framework's private fields: if a later framework
/// renames them, the release stops and rendering goes on as before (<see cref="IsAvailable"/>; a web test fails).
/// </remarks>
#pragma warning disable BL0006 // The renderer and its frames are framework types; reaching them is this class's job.
public static class PreviousRenderTrees
{
    private static volatile bool unavailable;

    /// <summary>Whether the framework's fields were found (false once a release has failed to reach them).</summary>
    public static bool IsAvailable => !unavailable;

    /// <summary>
    /// Empties the older render tree of every component in <paramref name="component"/>'s renderer. Call it on the
    /// renderer's dispatcher, after a render (<c>OnAfterRender</c>): never while a component is rendering.
    /// </summary>
    public static void ReleaseAll(ComponentBase component)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (unavailable)
        {
            return;
        }
        try
        {
            // A component not yet attached to a renderer has nothing rendered.
            if (RendererOf(ref RenderHandleOf(component)) is not { } renderer)
            {
                return;
            }
            foreach (var state in StatesOf(renderer).Values)
            {
                var older = OlderTreeOf(state);
                if (older.GetFrames().Array.Length > 0)
                {
                    older.Clear();
                }
            }
        }
        catch (MissingMemberException)
        {
            unavailable = true;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_renderHandle")]
    private static extern ref RenderHandle RenderHandleOf(ComponentBase component);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_renderer")]
    private static extern ref Renderer? RendererOf(ref RenderHandle handle);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_componentStateById")]
    private static extern ref Dictionary<int, ComponentState> StatesOf(Renderer renderer);

    // The tree the next render is built in: between renders, the one before the last.
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_nextRenderTree")]
    private static extern ref RenderTreeBuilder OlderTreeOf(ComponentState state);
}
#pragma warning restore BL0006
