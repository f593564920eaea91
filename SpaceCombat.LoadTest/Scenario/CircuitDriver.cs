using System.Diagnostics;
using System.Net;
using SpaceCombat.LoadTest.Blazor;

namespace SpaceCombat.LoadTest.Scenario;

/// <summary>Battles played by headless Blazor circuits: one circuit per player.</summary>
public sealed class CircuitDriver : IBattleDriver
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(120);

    private readonly LoadTestOptions _options;
    private readonly Uri _baseUri;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _ramp;

    public CircuitDriver(LoadTestOptions options, Uri baseUri)
    {
        _options = options;
        _baseUri = baseUri;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        { Timeout = TimeSpan.FromSeconds(60) };
        _ramp = new SemaphoreSlim(options.RampConcurrency);
    }

    public async Task<string> PlayBattleAsync(int index, SetupToken setup, CancellationToken cancellationToken)
    {
        var stats = setup.Stats;
        var random = new Random(HashCode.Combine(_options.Seed, index));
        await using var creator = new CircuitPlayer(this, stats, new Random(random.Next()), "creator");
        var started = Stopwatch.GetTimestamp();
        await creator.OpenAsync(BattleRules.SetupPath(_options), cancellationToken);
        await creator.ClickAndWaitAsync("Start Battle", t => t.ByTestId("invite-link") is not null || t.ByClass("sc-hud") is not null,
            "start-battle", cancellationToken, navigation: true);
        stats.BattleStarted();
        if (_options.Solo)
        {
            return await BattleRules.FinishSoloAsync(setup, _options, started, creator.PlayToResultAsync, cancellationToken);
        }

        var invite = creator.Circuit.Query(t => t.TextOf("invite-link"))
            ?? throw new BattleFailedException("no-invite-link");
        var inviteUri = new Uri(invite);
        await using var joiner = new CircuitPlayer(this, stats, new Random(random.Next()), "joiner");
        using var creatorCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var joinerCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var creatorPlays = PlayAfterBarrierAsync(creator, setup, creatorCts.Token);
        // If the creator's side fails, the joiner stops too (and the creator's reason is reported).
        _ = creatorPlays.ContinueWith(t => { if (t.IsFaulted) joinerCts.Cancel(); }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await joiner.OpenAsync(inviteUri.AbsolutePath.TrimStart('/') + BattleRules.JoinQuery(_options), joinerCts.Token);
            await joiner.ClickAndWaitAsync("Join Battle", t => t.ByClass("sc-hud") is not null, "join-battle", joinerCts.Token, navigation: true);
            setup.Done();
            var joinerResult = await PlayAfterBarrierAsync(joiner, setup, joinerCts.Token);
            var creatorResult = await creatorPlays;
            var results = $"{creatorResult}/{joinerResult}";
            if (!BattleRules.PairConsistent(creatorResult, joinerResult))
            {
                throw new BattleFailedException("inconsistent-result", results);
            }
            stats.BattleCompleted(Stopwatch.GetElapsedTime(_options.SyncStart ? Math.Max(started, stats.AllReadyTimestamp) : started), results);
            return results;
        }
        catch (OperationCanceledException) when (creatorPlays.IsFaulted && !cancellationToken.IsCancellationRequested)
        {
            await creatorPlays; // rethrows the creator's failure
            throw;
        }
        finally
        {
            if (!creatorPlays.IsCompleted)
            {
                creatorCts.Cancel();
            }
            try { await creatorPlays; } catch (Exception) { }
        }
    }

    private async Task<string> PlayAfterBarrierAsync(CircuitPlayer player, SetupToken setup, CancellationToken cancellationToken)
    {
        await setup.BarrierAsync(_options, cancellationToken);
        return await player.PlayToResultAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _ramp.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>One simulated player: its circuit, its localStorage and its think time.</summary>
    private sealed class CircuitPlayer(CircuitDriver driver, LevelStats stats, Random random, string role) : IAsyncDisposable
    {
        private readonly Dictionary<string, string> _localStorage = [];
        private BlazorCircuit? _circuit;
        private bool _counted;

        public BlazorCircuit Circuit => _circuit ?? throw new InvalidOperationException("Not open.");

        public async Task OpenAsync(string pathAndQuery, CancellationToken cancellationToken)
        {
            await driver._ramp.WaitAsync(cancellationToken);
            try
            {
                _circuit = new BlazorCircuit(driver._http, driver._baseUri, _localStorage);
                stats.ClientOpened();
                _counted = true;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(StartTimeout);
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
                await WaitAsync(t => t.IsInteractive(), StartTimeout, $"{role}-not-interactive", cancellationToken);
            }
            finally
            {
                driver._ramp.Release();
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

        /// <summary>Clicks the enabled button <paramref name="name"/> and waits for <paramref name="effect"/>; returns false when refused by the rate limit.</summary>
        public async Task<bool> ClickAndWaitAsync(string name, Func<RenderTree, bool> effect, string what, CancellationToken cancellationToken, bool navigation = false)
        {
            await WaitAsync(t => t.EnabledButton(name) is not null, UpdateTimeout, $"{what}-button", cancellationToken);
            var (id, snackbars) = Circuit.Query(t => (t.EnabledButton(name)?.EventId("click"), t.CountText(BattleRules.RateLimitText)));
            if (id is null)
            {
                throw new BattleFailedException($"no-button:{name}");
            }
            var sent = await Circuit.ClickAsync(id.Value);
            var refused = false;
            var at = await WaitAsync(t =>
            {
                if (t.CountText(BattleRules.RateLimitText) > snackbars)
                {
                    refused = true;
                    return true;
                }
                return effect(t);
            }, UpdateTimeout, what, cancellationToken);
            var ms = Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds;
            if (navigation)
            {
                stats.Navigation(ms);
            }
            else
            {
                stats.Action(ms, name);
            }
            if (refused)
            {
                stats.ActionRateLimited();
            }
            return !refused;
        }

        private Task ThinkAsync(CancellationToken cancellationToken)
        {
            var options = driver._options;
            var ms = random.Next(options.ThinkMinMs, options.ThinkMaxMs + 1);
            return ms == 0 ? Task.CompletedTask : Task.Delay(ms, cancellationToken);
        }

        private static bool HasResult(RenderTree t) => t.ByTestId("battle-result") is not null;

        private static bool MyTurn(RenderTree t) => t.TextOf("turn-indicator")?.Contains("Your turn", StringComparison.Ordinal) == true;

        private static string? Turn(RenderTree t) => t.ByClass("sc-hud")?.Attr("data-turn");

        /// <summary>Plays this seat's turns (every enabled weapon, then End Turn) until the result panel shows; returns its text.</summary>
        public async Task<string> PlayToResultAsync(CancellationToken cancellationToken)
        {
            for (var turns = 0; turns < 500; turns++)
            {
                await WaitAsync(t => HasResult(t) || MyTurn(t), TurnTimeout, $"{role}-waiting-for-turn", cancellationToken);
                if (Circuit.Query(HasResult))
                {
                    return Circuit.Query(t => t.TextOf("battle-result")) ?? "";
                }
                var turn = Circuit.Query(Turn);
                bool TurnOver(RenderTree t) => HasResult(t) || Turn(t) != turn;

                for (var shots = 0; shots < 20; shots++)
                {
                    await ThinkAsync(cancellationToken);
                    var (node, name) = Circuit.Query(t =>
                    {
                        foreach (var weapon in BattleRules.Weapons)
                        {
                            if (!TurnOver(t) && t.EnabledButton(weapon) is { } button)
                            {
                                return (button, weapon);
                            }
                        }
                        return ((Node?)null, "");
                    });
                    if (node is null)
                    {
                        break;
                    }
                    var (id, snackbars) = Circuit.Query(t => (node.EventId("click"), t.CountText(BattleRules.RateLimitText)));
                    var sent = await Circuit.ClickAsync(id!.Value);
                    var refused = false;
                    var at = await WaitAsync(t =>
                    {
                        if (t.CountText(BattleRules.RateLimitText) > snackbars)
                        {
                            refused = true;
                            return true;
                        }
                        return node.IsDisabled || !t.IsAttached(node) || TurnOver(t);
                    }, UpdateTimeout, $"{role}-{name}", cancellationToken);
                    stats.Action(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds, name);
                    if (refused)
                    {
                        stats.ActionRateLimited();
                    }
                }
                if (Circuit.Query(TurnOver))
                {
                    continue;
                }
                await ThinkAsync(cancellationToken);
                if (Circuit.Query(TurnOver))
                {
                    continue;
                }
                await ClickAndWaitAsync("End Turn", TurnOver, $"{role}-end-turn", cancellationToken);
            }
            throw new BattleFailedException("too-many-turns");
        }

        public async ValueTask DisposeAsync()
        {
            var circuit = _circuit;
            _circuit = null;
            if (circuit is not null)
            {
                await circuit.DisposeAsync();
            }
            if (_counted)
            {
                _counted = false;
                stats.ClientClosed();
            }
        }
    }
}
