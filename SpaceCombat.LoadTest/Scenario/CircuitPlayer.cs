using System.Diagnostics;
using SpaceCombat.CircuitClient;
using SpaceCombat.LoadTest.Server;

namespace SpaceCombat.LoadTest.Scenario;

/// <summary>One simulated player of <see cref="CircuitDriver"/>: its connection, circuit, localStorage and think time.</summary>
internal sealed class CircuitPlayer(CircuitDriver driver, LevelStats stats, Random random, string role) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(120);
    private const int MaxTurns = 500;
    private const int MaxActionsPerTurn = 20;
    private const string CloseRange = "Close Range";
    private static readonly TimeSpan RejoinTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan SlowestRejoinRetry = TimeSpan.FromSeconds(5);
    // A rolling restart of N nodes can move a player N times.
    private const int MaxRejoins = 8;

    private readonly Dictionary<string, string> _localStorage = [];
    private PlayerConnection? _connection;
    private BlazorCircuit? _circuit;
    private bool _counted;
    // Since when the player could act without having sent any input (the server's idle clock runs only then).
    private long _couldActSince;
    // The log lines on screen when the circuit was lost to a server restart (oldest first), checked at the end.
    private readonly List<string> _seenBeforeLoss = [];
    private int _rejoins;

    public BlazorCircuit Circuit => _circuit ?? throw new InvalidOperationException("Not open.");

    /// <summary>Opens a page (GET, then its circuit) and waits until it is interactive; records page-to-interactive.</summary>
    public async Task OpenAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        await driver.Ramp.WaitAsync(cancellationToken);
        try
        {
            _connection = driver.ConnectPlayer();
            _circuit = new BlazorCircuit(_connection, driver.BaseUri, _localStorage);
            stats.ClientOpened();
            _counted = true;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            var opened = Stopwatch.GetTimestamp();
            try
            {
                await _circuit.StartAsync(pathAndQuery, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new BattleFailedException($"{role}-circuit-start-timeout");
            }
            catch (CircuitFailedException exception)
            {
                throw new BattleFailedException($"{role}-circuit-start-failed", exception.Message);
            }
            catch (HttpRequestException exception)
            {
                throw new BattleFailedException($"{role}-page-get-failed", exception.Message);
            }
            catch (System.Net.WebSockets.WebSocketException exception)
            {
                throw new BattleFailedException($"{role}-circuit-start-failed", exception.Message);
            }
            var interactive = await WaitAsync(t => t.IsInteractive(), StartTimeout, $"{role}-not-interactive", cancellationToken);
            if (Circuit.Query(ArrivalRefusal.Shown))
            {
                stats.ArrivalRefused();
                throw ArrivalRefusal.Failure(role, pathAndQuery, Circuit.Query(t => t.TextOf(ArrivalRefusal.TestId)));
            }
            stats.PageBecameInteractive(Stopwatch.GetElapsedTime(opened, interactive).TotalMilliseconds);
            _couldActSince = interactive;
        }
        finally
        {
            driver.Ramp.Release();
        }
    }

    private async Task<long> WaitAsync(Func<RenderTree, bool> predicate, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await Circuit.WaitForAsync(predicate, timeout, cancellationToken)
                ?? throw new BattleFailedException($"timeout:{what}", Circuit.Query(t => t.TextOf("turn-indicator")));
        }
        catch (CircuitFailedException exception)
        {
            throw new BattleFailedException("circuit-failed", exception.Message);
        }
    }

    /// <summary>About to send input: records how long the player could act without doing so.</summary>
    private void Acting()
    {
        var now = Stopwatch.GetTimestamp();
        stats.InputGap(Stopwatch.GetElapsedTime(_couldActSince, now));
        _couldActSince = now;
    }

    /// <summary>Thinks, clicks the link named <paramref name="name"/> and waits for the page it leads to.</summary>
    public async Task FollowLinkAsync(string name, Func<RenderTree, bool> arrived, string what, CancellationToken cancellationToken)
    {
        await ThinkAsync(cancellationToken);
        var href = Circuit.Query(t => t.Link(name)?.Attr("href")) ?? throw new BattleFailedException($"no-link:{name}");
        Acting();
        var sent = await Circuit.FollowLinkAsync(href);
        var at = await WaitAsync(arrived, UpdateTimeout, $"{role}-{what}", cancellationToken);
        stats.Navigation(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
    }

    /// <summary>Picks <paramref name="value"/> in the select <paramref name="testId"/> (after a thought) unless it is already chosen.</summary>
    public async Task ChooseAsync(string testId, string value, CancellationToken cancellationToken)
    {
        await WaitAsync(t => t.ByTestId(testId)?.EventId("change") is not null, UpdateTimeout, $"{role}-{testId}", cancellationToken);
        await ThinkAsync(cancellationToken);
        var (id, current) = Circuit.Query(t => t.ByTestId(testId) is { } select ? (select.EventId("change"), select.Attr("value")) : (null, null));
        if (id is null)
        {
            throw new BattleFailedException($"no-select:{testId}");
        }
        if (current == value)
        {
            return;
        }
        Acting();
        await Circuit.ChangeAsync(id.Value, value);
        await WaitAsync(t => t.ByTestId(testId)?.Attr("value") == value, UpdateTimeout, $"{role}-{testId}-chosen", cancellationToken);
    }

    /// <summary>Clicks the enabled button <paramref name="name"/> and waits for <paramref name="effect"/>; returns false when refused by the rate limit.</summary>
    public async Task<bool> ClickAndWaitAsync(string name, Func<RenderTree, bool> effect, string what, CancellationToken cancellationToken, bool navigation = false)
    {
        await WaitAsync(t => t.EnabledButton(name) is not null, UpdateTimeout, $"{what}-button", cancellationToken);
        var button = Circuit.Query(t => t.EnabledButton(name)) ?? throw new BattleFailedException($"no-button:{name}");
        return await ClickAsync(button, name, effect, what, cancellationToken, navigation);
    }

    /// <summary>
    /// Clicks "Start Battle" on the set-up page and waits for the battle page. A refusal the page shows fails the
    /// battle with its message (<see cref="StartRefusal"/>); one that asks to wait is tried again as a person does: after
    /// a pause, on the set-up page reloaded (on the same page a second identical refusal would change nothing on screen).
    /// </summary>
    public async Task StartBattleAsync(CancellationToken cancellationToken)
    {
        if (Circuit.Query(StartRefusal.On) is { } shownBefore)
        {
            throw new BattleFailedException("setup-problem-before-start", shownBefore.Message);
        }
        for (var attempts = 1; ; attempts++)
        {
            await ClickAndWaitAsync("Start Battle", StartRefusal.Answered, "start-battle", cancellationToken, navigation: true);
            if (Circuit.Query(StartRefusal.Started) || Circuit.Query(StartRefusal.On) is not { } refusal)
            {
                return;
            }
            stats.StartRefused();
            if (!refusal.TriesAgain(attempts))
            {
                throw refusal.Failure(attempts);
            }
            var setupPage = Circuit.CurrentUri.PathAndQuery.TrimStart('/');
            await Task.Delay(StartRefusal.RetryAfter, cancellationToken);
            await DisposeAsync();
            await OpenAsync(setupPage, cancellationToken);
        }
    }

    /// <summary>
    /// Clicks <paramref name="button"/> and waits for <paramref name="effect"/> or the rate-limit snackbar; records the
    /// click→update time. A refused click (the server's limit of actions per second) returns false: the caller tries
    /// again after its next thought, as a person would.
    /// </summary>
    private async Task<bool> ClickAsync(Node button, string name, Func<RenderTree, bool> effect, string what, CancellationToken cancellationToken, bool navigation = false)
    {
        var (click, snackbars) = Circuit.Query(t => (ClickEvent.Of(button), t.CountText(BattleRules.RateLimitText)));
        if (click is null)
        {
            throw new BattleFailedException($"no-button:{name}");
        }
        Acting();
        var sent = await Circuit.ClickAsync(click.Value);
        var refused = false;
        // The effect first: a refused click leaves the button as it was, and counting snackbars walks the whole tree at
        // every batch.
        var at = await WaitAsync(t =>
        {
            if (effect(t))
            {
                return true;
            }
            refused = t.CountText(BattleRules.RateLimitText) > snackbars;
            return refused;
        }, UpdateTimeout, what, cancellationToken);
        if (navigation)
        {
            stats.Navigation(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
        }
        else
        {
            stats.Action(sent, at, name);
        }
        if (refused)
        {
            stats.ActionRateLimited();
        }
        return !refused;
    }

    /// <param name="inBattle">
    /// A thought between actions in battle: once --sustain's window has closed it takes --play-out-think-ms. Set-up pages
    /// keep the human pace (a faster Start Battle click can race the set-up page's address update).
    /// </param>
    private Task ThinkAsync(CancellationToken cancellationToken, bool inBattle = false)
    {
        var options = driver.Options;
        var (min, max) = inBattle && stats.PlayingOut && options.PlayOutThink is { } playOut ? playOut : (options.ThinkMinMs, options.ThinkMaxMs);
        var ms = random.Next(min, max + 1);
        return ms == 0 ? Task.CompletedTask : Task.Delay(ms, cancellationToken);
    }

    private static bool HasResult(RenderTree t) => t.ByTestId("battle-result") is not null;

    private static bool MyTurn(RenderTree t) => t.TextOf("turn-indicator")?.Contains("Your turn", StringComparison.Ordinal) == true;

    private static string? Turn(RenderTree t) => t.ByClass("sc-hud")?.Attr("data-turn");

    /// <summary>
    /// Plays this seat's turns until the result panel shows; returns its text. With --kill-server-at, a circuit lost
    /// to the restart is rejoined as a browser does, and the battle's full log is checked at the end.
    /// </summary>
    public async Task<string> PlayToResultAsync(CancellationToken cancellationToken)
    {
        for (var turns = 0; turns < MaxTurns; turns++)
        {
            try
            {
                var ready = await WaitAsync(t => HasResult(t) || MyTurn(t), TurnTimeout, $"{role}-waiting-for-turn", cancellationToken);
                if (Circuit.Query(HasResult))
                {
                    var result = Circuit.Query(t => t.TextOf("battle-result")) ?? "";
                    await CheckNothingLostAsync(cancellationToken);
                    return result;
                }
                // Waiting for the opponent is not idleness: the clock starts again when the turn comes.
                _couldActSince = Math.Max(_couldActSince, ready);
                var turn = Circuit.Query(Turn);
                bool TurnOver(RenderTree t) => HasResult(t) || Turn(t) != turn;

                var endedIt = await PlayTurnAsync(TurnOver, cancellationToken);
                if (!endedIt && Circuit.Query(t => !HasResult(t) && TurnOver(t)))
                {
                    stats.TurnEndedByTimer();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException && RejoinsAfterRestart())
            {
                // A click sent as the server died can fail a moment before the circuit reports its connection closed.
                if (!await CircuitLostAsync())
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
                }
                await RejoinAsync(cancellationToken);
            }
        }
        throw new BattleFailedException("too-many-turns");
    }

    /// <summary>Whether this run has players rejoin a lost circuit (--kill-server-at), and this one may still.</summary>
    private bool RejoinsAfterRestart() => driver.Options.PlayersRejoin && _circuit is not null && _rejoins < MaxRejoins;

    /// <summary>Whether the circuit's connection is closed (the server went away), waiting a few seconds for it to say so.</summary>
    private async Task<bool> CircuitLostAsync()
    {
        var closed = Circuit.Closed;
        await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(5)));
        return closed.IsCompleted;
    }

    /// <summary>
    /// What a browser does when its circuit is lost: keeps reloading the page (a new GET and circuit, backing off up to
    /// every 5 s) until the server answers, with the same local storage, so the battle page restores the seat from
    /// the stored token. Remembers the log lines that were on screen, to check them at the end.
    /// </summary>
    private async Task RejoinAsync(CancellationToken cancellationToken)
    {
        _rejoins++;
        var path = Circuit.CurrentUri.PathAndQuery.TrimStart('/');
        if (_seenBeforeLoss.Count == 0)
        {
            // The live log is newest first.
            _seenBeforeLoss.AddRange(Enumerable.Reverse(Circuit.Query(t => t.LogLines("combat-log"))));
        }
        var since = Stopwatch.GetTimestamp();
        var retry = TimeSpan.FromMilliseconds(500);
        long back;
        while (true)
        {
            await DisposeAsync();
            try
            {
                await OpenAsync(path, cancellationToken);
                back = await WaitAsync(t => t.ByClass("sc-hud") is not null || t.ByTestId("battle-missing") is not null || t.ByTestId("seat-unreadable") is not null,
                    UpdateTimeout, $"{role}-rejoined-page", cancellationToken);
                break;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && Stopwatch.GetElapsedTime(since) < RejoinTimeout)
            {
                // The node it reached may be going down too (a rolling restart): a browser reloads again.
                await Task.Delay(retry, cancellationToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, SlowestRejoinRetry.Ticks));
            }
        }
        stats.Rejoined();
        if (Disruptions.LatestBefore(back) is { } down)
        {
            stats.Recovered(Stopwatch.GetElapsedTime(down, back));
        }
        if (Circuit.Query(t => t.ByTestId("battle-missing") is not null))
        {
            // Every line seen before the kill went with the battle.
            stats.EventsCompared(_seenBeforeLoss.Count, _seenBeforeLoss.Count);
            throw new BattleFailedException("battle-lost-in-restart", $"{_seenBeforeLoss.Count} log lines seen before the restart are gone with it");
        }
        if (Circuit.Query(t => t.ByTestId("seat-unreadable") is not null))
        {
            throw new BattleFailedException("seat-lost-in-restart");
        }
    }

    /// <summary>
    /// After a rejoin: opens the result panel's full log and checks that every log line seen before the circuit was
    /// lost is in it, in order (a missing line is an accepted command the server lost).
    /// </summary>
    private async Task CheckNothingLostAsync(CancellationToken cancellationToken)
    {
        if (_rejoins == 0)
        {
            return;
        }
        await ClickAndWaitAsync("Show the full log", t => t.ByTestId("full-log-lines") is not null, $"{role}-full-log", cancellationToken);
        var after = Circuit.Query(t => t.LogLines("full-log-lines"));
        var missing = EventLossCheck.Missing(_seenBeforeLoss, after);
        stats.EventsCompared(_seenBeforeLoss.Count, missing.Count);
        if (missing.Count > 0)
        {
            throw new BattleFailedException("accepted-events-lost", $"{missing.Count} of {_seenBeforeLoss.Count} lines, first: {missing[0]} (the full log has {after.Count} lines, from: {string.Join(" | ", after.Take(3))})");
        }
    }

    /// <summary>
    /// One turn: out of reach of every weapon, close the range first (as the AI captain does, so no battle stalls at a
    /// band where nothing reaches); then use every enabled weapon (Fire before Launch Missile), then End Turn. Returns
    /// whether this player's End Turn ended it (false: the battle or the turn timer ended it, or the click was refused).
    /// </summary>
    private async Task<bool> PlayTurnAsync(Func<RenderTree, bool> turnOver, CancellationToken cancellationToken)
    {
        var closeIn = Circuit.Query(t => !turnOver(t) && NextWeapon(t, turnOver).Button is null);
        for (var actions = 0; actions < MaxActionsPerTurn; actions++)
        {
            await ThinkAsync(cancellationToken, inBattle: true);
            var (button, name) = Circuit.Query(t =>
                closeIn && !turnOver(t) && t.EnabledButton(CloseRange) is { } close ? (close, CloseRange) : NextWeapon(t, turnOver));
            if (button is null)
            {
                break;
            }
            await ClickAsync(button, name, t => button.IsDisabled || !t.IsAttached(button) || turnOver(t), $"{role}-{name}", cancellationToken);
        }
        if (Circuit.Query(turnOver))
        {
            return false;
        }
        await ThinkAsync(cancellationToken, inBattle: true);
        // The turn timer may end the turn at any moment: then End Turn is gone, and that is not a failure.
        await WaitAsync(t => turnOver(t) || t.EnabledButton("End Turn") is not null, UpdateTimeout, $"{role}-end-turn-button", cancellationToken);
        var endTurn = Circuit.Query(t => turnOver(t) ? null : t.EnabledButton("End Turn"));
        return endTurn is not null && await ClickAsync(endTurn, "End Turn", turnOver, $"{role}-end-turn", cancellationToken);
    }

    private static (Node? Button, string Name) NextWeapon(RenderTree t, Func<RenderTree, bool> turnOver)
    {
        foreach (var weapon in BattleRules.Weapons)
        {
            if (!turnOver(t) && t.EnabledButton(weapon) is { } button)
            {
                return (button, weapon);
            }
        }
        return (null, "");
    }

    public async ValueTask DisposeAsync()
    {
        var circuit = _circuit;
        _circuit = null;
        if (circuit is not null)
        {
            await circuit.DisposeAsync();
        }
        _connection?.Dispose();
        _connection = null;
        if (_counted)
        {
            _counted = false;
            stats.ClientClosed();
        }
    }
}
