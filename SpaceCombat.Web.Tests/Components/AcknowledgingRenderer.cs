using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>
/// A renderer that completes each render batch only when the test acknowledges it, as Blazor Server's renderer waits
/// for the browser's acknowledgement. Components' <c>OnAfterRender</c> then runs outside any batch, so each render it
/// asks for is a batch of its own; bUnit's renderer completes a batch at once and folds those renders into one.
/// Components are given <paramref name="services"/> (none by default).
/// </summary>
#pragma warning disable BL0006 // Render batches and frames: what the tests inspect.
internal sealed class AcknowledgingRenderer(IServiceProvider? services = null)
    : Renderer(services ?? new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance)
{
    private readonly Queue<TaskCompletionSource> _unacknowledged = new();
    private readonly List<RenderedBatch> _batches = [];
    private TaskCompletionSource _batchSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _unhandled;

    /// <summary>One component's part of a batch: how many edits it sent the browser.</summary>
    public readonly record struct ComponentUpdate(int ComponentId, int Edits);

    /// <summary>A batch sent: the components it updated.</summary>
    public sealed record RenderedBatch(IReadOnlyList<ComponentUpdate> Updates)
    {
        public IEnumerable<int> ComponentIds => Updates.Select(update => update.ComponentId);
    }

    public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

    protected override RendererInfo RendererInfo { get; } = new("Server", isInteractive: true);

    /// <summary>The batches sent so far, oldest first.</summary>
    public IReadOnlyList<RenderedBatch> Batches => _batches;

    /// <summary>Renders <typeparamref name="TComponent"/> as a root component; returns its component id.</summary>
    public Task<int> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent =>
        Dispatcher.InvokeAsync(async () =>
        {
            var id = AssignRootComponentId(InstantiateComponent(typeof(TComponent)));
            await RenderRootComponentAsync(id, ParameterView.FromDictionary(parameters));
            return id;
        });

    /// <summary>Gives the root component <paramref name="rootId"/> its parameters again, as a parent's render does.</summary>
    public Task SetParametersAsync(int rootId, IDictionary<string, object?> parameters) =>
        Dispatcher.InvokeAsync(() => RenderRootComponentAsync(rootId, ParameterView.FromDictionary(parameters)));

    /// <summary>
    /// Acknowledges the batches in the order they were sent, as a browser applies them, until none is waiting (at most
    /// <paramref name="limit"/>); returns how many it acknowledged.
    /// </summary>
    public async Task<int> AcknowledgeAllAsync(int limit = 100)
    {
        var acknowledged = 0;
        while (await Dispatcher.InvokeAsync(() => _unacknowledged.TryDequeue(out var batch) ? batch : null) is { } next)
        {
            if (++acknowledged > limit)
            {
                throw new InvalidOperationException($"Still sending render batches after {limit} acknowledgements.");
            }
            await Dispatcher.InvokeAsync(next.SetResult);
            // The acknowledgement's continuation (the components' OnAfterRender, and any render that asks for) was
            // queued on the dispatcher after the call above: this runs after it.
            await Dispatcher.InvokeAsync(() => { });
        }
        if (_unhandled is not null)
        {
            ExceptionDispatchInfo.Throw(_unhandled);
        }
        return acknowledged;
    }

    /// <summary>
    /// Acknowledges batches as they come until the root component <paramref name="rootId"/> shows a
    /// <typeparamref name="TComponent"/> (work outside the renderer, such as a page attaching to its battle, may send
    /// them later), then the batches that follow; fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task AcknowledgeUntilShownAsync<TComponent>(int rootId, TimeSpan timeout)
        where TComponent : IComponent
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var batchSent = await Dispatcher.InvokeAsync(() => _batchSent);
            await AcknowledgeAllAsync();
            if (await Dispatcher.InvokeAsync(() => Shows(rootId, typeof(TComponent))))
            {
                await AcknowledgeAllAsync();
                return;
            }
            await batchSent.Task.WaitAsync(deadline.Token);
        }
    }

    protected override void HandleException(Exception exception) => _unhandled ??= exception;

    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
    {
        var updates = new ComponentUpdate[renderBatch.UpdatedComponents.Count];
        for (var i = 0; i < updates.Length; i++)
        {
            var diff = renderBatch.UpdatedComponents.Array[i];
            updates[i] = new ComponentUpdate(diff.ComponentId, diff.Edits.Count);
        }
        _batches.Add(new RenderedBatch(updates));
        var acknowledgement = new TaskCompletionSource();
        _unacknowledged.Enqueue(acknowledgement);
        var sent = _batchSent;
        _batchSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sent.SetResult();
        return acknowledgement.Task;
    }

    /// <summary>The id of the first <typeparamref name="TComponent"/> the root component <paramref name="rootId"/> shows, at any depth; null if none.</summary>
    public Task<int?> FindAsync<TComponent>(int rootId)
        where TComponent : IComponent =>
        Dispatcher.InvokeAsync(() => Find(rootId, typeof(TComponent)));

    private bool Shows(int componentId, Type componentType) => Find(componentId, componentType) is not null;

    private int? Find(int componentId, Type componentType)
    {
        var frames = GetCurrentRenderTreeFrames(componentId);
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames.Array[i];
            if (frame.FrameType != RenderTreeFrameType.Component)
            {
                continue;
            }
            if (frame.ComponentType == componentType)
            {
                return frame.ComponentId;
            }
            if (Find(frame.ComponentId, componentType) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
#pragma warning restore BL0006
