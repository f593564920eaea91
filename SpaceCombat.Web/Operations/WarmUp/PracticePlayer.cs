using System.Globalization;
using SpaceCombat.CircuitClient;

namespace SpaceCombat.Web.Operations.WarmUp;

/// <summary>
/// One side of a practice battle, or one page visit, of the warm-up: a headless circuit on the server's own pages that
/// clicks as a player does, by the buttons' names.
/// </summary>
internal sealed class PracticePlayer(PlayerConnection connection, Uri baseUri, TimeProvider time) : IAsyncDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);
    // Slower than the per-player action limit (2 a second by default), so no practice click is refused.
    private static readonly TimeSpan Thought = TimeSpan.FromMilliseconds(600);
    // A battle ends as a draw at round 200; a seat that clicks this often without a result is stuck.
    private const int MaxClicks = 2_000;
    // In the order a seat uses them: every weapon that reaches, Close Range while offered, then End Turn.
    private static readonly string[] Actions = ["Fire", "Launch Missile", "Close Range", "End Turn"];

    private readonly BlazorCircuit _circuit = new(connection, baseUri, []);

    /// <summary>Loads the page, starts its circuit and waits until it is interactive.</summary>
    public async Task OpenAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        await _circuit.StartAsync(pathAndQuery, cancellationToken);
        await WaitAsync(t => t.IsInteractive(), "the page to become interactive", cancellationToken);
    }

    public T Query<T>(Func<RenderTree, T> query) => _circuit.Query(query);

    /// <summary>Clicks the button <paramref name="name"/> once it is enabled, and waits for <paramref name="effect"/>.</summary>
    public async Task ClickAsync(string name, Func<RenderTree, bool> effect, CancellationToken cancellationToken)
    {
        await WaitAsync(t => t.EnabledButton(name) is not null, $"'{name}'", cancellationToken);
        await ClickAsync(_circuit.Query(t => t.EnabledButton(name))!, name, effect, cancellationToken);
    }

    /// <summary>
    /// Plays this seat until the result panel shows and returns its text: each turn every weapon that reaches, then
    /// Close Range while it is offered (so no battle stalls out of reach), then End Turn.
    /// </summary>
    public async Task<string> PlayToResultAsync(CancellationToken cancellationToken)
    {
        for (var clicks = 0; clicks < MaxClicks; clicks++)
        {
            await WaitAsync(t => Result(t) is not null || MyTurn(t), "its turn or the result", cancellationToken);
            if (_circuit.Query(Result) is { } result)
            {
                return result;
            }
            var turn = _circuit.Query(Turn);
            bool TurnOver(RenderTree t) => Result(t) is not null || Turn(t) != turn;
            await WaitAsync(t => TurnOver(t) || NextAction(t).Button is not null, "an action to take", cancellationToken);
            var (button, name) = _circuit.Query(t => TurnOver(t) ? (null, "") : NextAction(t));
            if (button is null)
            {
                continue;
            }
            await Task.Delay(Thought, time, cancellationToken);
            await ClickAsync(button, name, t => button.IsDisabled || !t.IsAttached(button) || TurnOver(t), cancellationToken);
        }
        throw new WarmUpFailedException(string.Create(CultureInfo.InvariantCulture, $"no result after {MaxClicks} clicks"));
    }

    private async Task ClickAsync(Node button, string name, Func<RenderTree, bool> effect, CancellationToken cancellationToken)
    {
        var click = _circuit.Query(_ => ClickEvent.Of(button)) ?? throw new WarmUpFailedException($"'{name}' has no click handler");
        await _circuit.ClickAsync(click);
        await WaitAsync(effect, $"the effect of '{name}'", cancellationToken);
    }

    private async Task WaitAsync(Func<RenderTree, bool> predicate, string what, CancellationToken cancellationToken)
    {
        if (await _circuit.WaitForAsync(predicate, StepTimeout, cancellationToken) is null)
        {
            throw new WarmUpFailedException(string.Create(CultureInfo.InvariantCulture,
                $"waited {StepTimeout.TotalSeconds:0} s for {what} on {_circuit.CurrentUri.AbsolutePath}{(_circuit.Failure is { } failure ? $" ({failure})" : "")}"));
        }
    }

    private static (Node? Button, string Name) NextAction(RenderTree tree)
    {
        foreach (var name in Actions)
        {
            if (tree.EnabledButton(name) is { } button)
            {
                return (button, name);
            }
        }
        return (null, "");
    }

    private static string? Result(RenderTree tree) => tree.ByTestId("battle-result") is null ? null : tree.TextOf("battle-result");

    private static bool MyTurn(RenderTree tree) => tree.TextOf("turn-indicator")?.Contains("Your turn", StringComparison.Ordinal) == true;

    private static string? Turn(RenderTree tree) => tree.ByClass("sc-hud")?.Attr("data-turn");

    public ValueTask DisposeAsync() => _circuit.DisposeAsync();
}
