using System.Reflection;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>
/// Which components a renderer keeps an older render for (the tree before their last one, holding a buffer), read by
/// reflection on the framework's own fields, apart from the app's way of reaching them.
/// </summary>
#pragma warning disable BL0006 // The renderer's state is what these tests inspect.
internal static class OlderRenderTrees
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;

    private static readonly FieldInfo States = typeof(Renderer).GetField("_componentStateById", Private)
        ?? throw new MissingFieldException(nameof(Renderer), "_componentStateById");

    private static readonly FieldInfo OlderTree = typeof(ComponentState).GetField("_nextRenderTree", Private)
        ?? throw new MissingFieldException(nameof(ComponentState), "_nextRenderTree");

    /// <summary>The type names of the components whose older render still holds a buffer (on the renderer's dispatcher).</summary>
    public static Task<List<string>> HeldByAsync(Renderer renderer) =>
        renderer.Dispatcher.InvokeAsync(() => ((Dictionary<int, ComponentState>)States.GetValue(renderer)!).Values
            .Where(state => ((RenderTreeBuilder)OlderTree.GetValue(state)!).GetFrames().Array.Length > 0)
            .Select(state => state.Component.GetType().Name)
            .ToList());
}
#pragma warning restore BL0006
