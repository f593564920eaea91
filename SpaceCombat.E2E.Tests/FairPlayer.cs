using System.Globalization;
using SpaceCombat.Core.Battles;
using SpaceCombat.CircuitClient;

namespace SpaceCombat.E2E.Tests;

/// <summary>A command a fair player sent: the turn it was sent in, the seat, and its kind as the battle's metrics name it.</summary>
internal sealed record SentCommand(int Turn, Side Side, string Kind);

/// <summary>
/// A seated player who plays fairly through its own headless circuit: on each of its turns it uses every enabled
/// weapon (closing the range first when none reaches), then ends the turn. It writes down every command it sends, and
/// notices when one of its turns ended before it ended it (the turn timer is off in the fuzz test, so only a command
/// its seat did not give could do that).
/// </summary>
internal sealed class FairPlayer(BlazorCircuit circuit, Side seat, Random random)
{
    private static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ActionWait = TimeSpan.FromSeconds(30);
    private static readonly string[] Weapons = ["Fire", "Launch Missile"];

    private readonly List<SentCommand> _sent = [];
    private readonly List<string> _problems = [];

    public BlazorCircuit Circuit => circuit;

    public IReadOnlyList<SentCommand> Sent => _sent;

    /// <summary>What went wrong from this player's seat (a turn ended by someone else, a wait that timed out).</summary>
    public IReadOnlyList<string> Problems => _problems;

    public static bool HasResult(RenderTree t) => t.ByTestId("battle-result") is not null;

    public static bool MyTurn(RenderTree t) => t.TextOf("turn-indicator")?.Contains("Your turn", StringComparison.Ordinal) == true;

    public static int? Turn(RenderTree t) =>
        t.ByClass("sc-hud")?.Attr("data-turn") is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var turn) ? turn : null;

    /// <summary>Plays until the result panel shows; returns its text ("Victory", "Defeat", "Draw"), or null on a problem.</summary>
    public async Task<string?> PlayToResultAsync(int thinkMaxMs)
    {
        while (true)
        {
            if (await circuit.WaitForAsync(t => HasResult(t) || MyTurn(t), TurnWait, CancellationToken.None) is null)
            {
                _problems.Add($"{seat}: timed out waiting for its turn (at turn {circuit.Query(Turn)})");
                return null;
            }
            if (circuit.Query(HasResult))
            {
                return circuit.Query(t => t.TextOf("battle-result"));
            }
            var turn = circuit.Query(Turn)!.Value;
            if (!await PlayTurnAsync(turn, thinkMaxMs))
            {
                return null;
            }
        }
    }

    private bool TurnOver(RenderTree t, int turn) => HasResult(t) || Turn(t) != turn;

    private async Task<bool> PlayTurnAsync(int turn, int thinkMaxMs)
    {
        var closeIn = circuit.Query(t => Weapons.All(w => t.EnabledButton(w) is null) && t.EnabledButton("Close Range") is not null);
        for (var actions = 0; actions < 12; actions++)
        {
            await Task.Delay(random.Next(thinkMaxMs + 1));
            var (id, kind) = circuit.Query(t =>
            {
                if (TurnOver(t, turn))
                {
                    return ((ClickEvent?)null, "");
                }
                if (closeIn && t.EnabledButton("Close Range") is { } closeButton && ClickEvent.Of(closeButton) is { } close)
                {
                    return (close, "manoeuvre");
                }
                foreach (var weapon in Weapons)
                {
                    if (t.EnabledButton(weapon) is { } weaponButton && ClickEvent.Of(weaponButton) is { } fire)
                    {
                        return (fire, weapon == "Fire" ? "fire" : "launch_missile");
                    }
                }
                return (null, "");
            });
            if (id is null)
            {
                break;
            }
            closeIn = false;
            _sent.Add(new SentCommand(turn, seat, kind));
            await circuit.ClickAsync(id.Value);
            // Done when that button is no longer an enabled one (used, or its turn's controls replaced).
            if (!await WaitAsync(t => TurnOver(t, turn) || !HasEnabledButtonWithId(t, id.Value.HandlerId), $"{kind} in turn {turn}"))
            {
                return false;
            }
        }
        if (circuit.Query(t => !HasResult(t) && Turn(t) != turn))
        {
            _problems.Add($"{seat}: turn {turn} ended before its player ended it");
            return true;
        }
        if (circuit.Query(HasResult))
        {
            return true;
        }
        var endTurn = circuit.Query(t => t.EnabledButton("End Turn") is { } button ? ClickEvent.Of(button) : null);
        if (endTurn is null)
        {
            _problems.Add($"{seat}: no enabled End Turn in its turn {turn}");
            return false;
        }
        _sent.Add(new SentCommand(turn, seat, "end_turn"));
        await circuit.ClickAsync(endTurn.Value);
        return await WaitAsync(t => TurnOver(t, turn), $"end of turn {turn}");
    }

    private static bool HasEnabledButtonWithId(RenderTree t, ulong id) =>
        t.Find(n => n.Name == "button" && !n.IsDisabled && ClickEvent.Of(n)?.HandlerId == id) is not null;

    private async Task<bool> WaitAsync(Func<RenderTree, bool> predicate, string what)
    {
        if (await circuit.WaitForAsync(predicate, ActionWait, CancellationToken.None) is null)
        {
            _problems.Add($"{seat}: timed out waiting for {what}");
            return false;
        }
        return true;
    }
}
