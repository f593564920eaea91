using System.Diagnostics;
using Microsoft.Playwright;

namespace SpaceCombat.LoadTest.Scenario;

/// <summary>
/// Battles played by real browsers: Playwright driving Debian's Chromium (one browser process, one context per player,
/// as the prototype did). Click-to-update here includes Playwright's own round trips.
/// </summary>
public sealed class BrowserDriver : IBattleDriver
{
    public const string ChromiumVariable = "SPACECOMBAT_CHROMIUM";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private const float Timeout = 60_000;
    private const float TurnTimeout = 120_000;

    private const string ResultOrMyTurn =
        "() => !!document.querySelector('[data-testid=battle-result]') || (document.querySelector('[data-testid=turn-indicator]')?.textContent ?? '').includes('Your turn')";

    private readonly LoadTestOptions _options;
    private readonly Uri _baseUri;
    private readonly SemaphoreSlim _ramp;
    private readonly SemaphoreSlim _launch = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserDriver(LoadTestOptions options, Uri baseUri)
    {
        _options = options;
        _baseUri = baseUri;
        _ramp = new SemaphoreSlim(Math.Min(options.RampConcurrency, 4));
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _launch.WaitAsync();
        try
        {
            if (_browser is null)
            {
                var path = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } fromEnv ? fromEnv : "/usr/bin/chromium";
                if (!File.Exists(path))
                {
                    throw new BattleFailedException("no-chromium", $"Chromium not found at {path}; set {ChromiumVariable}.");
                }
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true, Args = ChromiumArgs });
            }
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async Task<string> PlayBattleAsync(int index, BattlePlan plan, SetupToken setup, CancellationToken cancellationToken)
    {
        var stats = setup.Stats;
        var browser = await BrowserAsync();
        var random = new Random(HashCode.Combine(_options.Seed, index));
        await using var creator = await BrowserPlayer.OpenAsync(this, browser, stats, new Random(random.Next()), "creator", BattleRules.SetupPath(_options, plan), cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await creator.StartBattleAsync(cancellationToken);
        stats.BattleStarted();
        if (_options.Solo)
        {
            return await BattleRules.FinishSoloAsync(setup, _options, started, creator.PlayToResultAsync, cancellationToken);
        }
        var invite = (await creator.Page.GetByTestId("invite-link").TextContentAsync())?.Trim() ?? throw new BattleFailedException("no-invite-link");
        var inviteUri = new Uri(invite);
        using var creatorCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var creatorPlays = Task.Run(async () =>
        {
            await setup.BarrierAsync(_options, creatorCts.Token);
            return await creator.PlayToResultAsync(creatorCts.Token);
        });
        try
        {
            await using var joiner = await BrowserPlayer.OpenAsync(this, browser, stats, new Random(random.Next()), "joiner",
                inviteUri.AbsolutePath.TrimStart('/') + BattleRules.JoinQuery(plan), cancellationToken);
            await joiner.ClickAndWaitAsync("Join Battle", "() => !!document.querySelector('.sc-hud')", "join-battle", navigation: true);
            setup.Done();
            setup.PlayBegan();
            await setup.BarrierAsync(_options, cancellationToken);
            var joinerResult = await joiner.PlayToResultAsync(cancellationToken);
            var creatorResult = await creatorPlays;
            var results = $"{creatorResult}/{joinerResult}";
            if (!BattleRules.PairConsistent(creatorResult, joinerResult))
            {
                throw new BattleFailedException("inconsistent-result", results);
            }
            stats.BattleCompleted(Stopwatch.GetElapsedTime(_options.SyncStart ? Math.Max(started, stats.AllReadyTimestamp) : started), results);
            return results;
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

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        _ramp.Dispose();
        _launch.Dispose();
    }

    private sealed class BrowserPlayer(IBrowserContext context, IPage page, LevelStats stats, Random random, string role, LoadTestOptions options) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public static async Task<BrowserPlayer> OpenAsync(BrowserDriver driver, IBrowser browser, LevelStats stats, Random random, string role, string path, CancellationToken cancellationToken)
        {
            await driver._ramp.WaitAsync(cancellationToken);
            try
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = driver._baseUri.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
                context.SetDefaultTimeout(Timeout);
                var page = await context.NewPageAsync();
                stats.ClientOpened();
                var player = new BrowserPlayer(context, page, stats, random, role, driver._options);
                try
                {
                    var opened = Stopwatch.GetTimestamp();
                    await page.GotoAsync(path);
                    await page.Locator("[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                    var refused = page.GetByTestId(ArrivalRefusal.TestId);
                    if (await refused.CountAsync() > 0)
                    {
                        var message = (await refused.InnerTextAsync()).Trim();
                        await player.DisposeAsync();
                        stats.ArrivalRefused();
                        throw ArrivalRefusal.Failure(role, path.TrimStart('/'), message);
                    }
                    stats.PageBecameInteractive(Stopwatch.GetElapsedTime(opened).TotalMilliseconds);
                }
                catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
                {
                    await player.DisposeAsync();
                    throw new BattleFailedException($"timeout:{role}-page-load", exception.Message.Split('\n')[0]);
                }
                return player;
            }
            finally
            {
                driver._ramp.Release();
            }
        }

        private ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

        public async Task ClickAndWaitAsync(string name, string effect, string what, bool navigation = false)
        {
            try
            {
                var button = Button(name);
                await Microsoft.Playwright.Assertions.Expect(button).ToBeEnabledAsync(new() { Timeout = Timeout });
                var snackbars = await Page.Locator(".mud-snackbar").CountAsync();
                var sent = Stopwatch.GetTimestamp();
                await button.ClickAsync();
                // A refused action (rate limit) shows a snackbar instead of its effect.
                await Page.WaitForFunctionAsync($"() => document.querySelectorAll('.mud-snackbar').length > {snackbars} || ({effect})()", null,
                    new() { Timeout = Timeout, PollingInterval = 5 });
                var received = Stopwatch.GetTimestamp();
                if (navigation) stats.Navigation(Stopwatch.GetElapsedTime(sent, received).TotalMilliseconds); else stats.Action(sent, received, name);
                if (await Page.Locator(".mud-snackbar").CountAsync() > snackbars && !await Page.EvaluateAsync<bool>(effect))
                {
                    stats.ActionRateLimited();
                }
            }
            catch (PlaywrightException exception)
            {
                throw new BattleFailedException($"timeout:{role}-{what}", exception.Message.Split('\n')[0]);
            }
            catch (TimeoutException exception)
            {
                throw new BattleFailedException($"timeout:{role}-{what}", exception.Message.Split('\n')[0]);
            }
        }

        /// <summary>
        /// Clicks "Start Battle" and waits for the battle page or the set-up page's problem: a refusal fails the battle
        /// with its message, or (one that asks to wait) is tried again after a pause on the page reloaded (see <see cref="StartRefusal"/>).
        /// </summary>
        public async Task StartBattleAsync(CancellationToken cancellationToken)
        {
            const string Started = "!!document.querySelector('[data-testid=invite-link]') || !!document.querySelector('.sc-hud')";
            var problem = Page.GetByTestId(StartRefusal.ProblemTestId);
            for (var attempts = 1; ; attempts++)
            {
                await ClickAndWaitAsync("Start Battle", $"() => {Started} || !!document.querySelector('[data-testid={StartRefusal.ProblemTestId}]')", "start-battle", navigation: true);
                if (await Page.EvaluateAsync<bool>($"() => {Started}") || await problem.CountAsync() == 0)
                {
                    return;
                }
                stats.StartRefused();
                var refusal = new StartRefusal((await problem.InnerTextAsync()).Trim());
                if (!refusal.TriesAgain(attempts))
                {
                    throw refusal.Failure(attempts);
                }
                await Task.Delay(StartRefusal.RetryAfter, cancellationToken);
                await Page.ReloadAsync();
                await Page.Locator("[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            }
        }

        private Task ThinkAsync(CancellationToken cancellationToken) =>
            Task.Delay(random.Next(options.ThinkMinMs, options.ThinkMaxMs + 1), cancellationToken);

        public async Task<string> PlayToResultAsync(CancellationToken cancellationToken)
        {
            try
            {
                for (var turns = 0; turns < 500; turns++)
                {
                    await Page.WaitForFunctionAsync(ResultOrMyTurn, null, new() { Timeout = TurnTimeout, PollingInterval = 50 }).WaitAsync(cancellationToken);
                    var result = Page.GetByTestId("battle-result");
                    if (await result.CountAsync() > 0)
                    {
                        return (await result.TextContentAsync())?.Trim() ?? "";
                    }
                    var turn = await Page.Locator(".sc-hud").GetAttributeAsync("data-turn");
                    var turnOver = $"() => !!document.querySelector('[data-testid=battle-result]') || document.querySelector('.sc-hud')?.dataset.turn !== '{turn}'";
                    for (var shots = 0; shots < 20; shots++)
                    {
                        await ThinkAsync(cancellationToken);
                        // Index of the first enabled weapon button (Fire before Launch Missile), or -1.
                        var target = await Page.EvaluateAsync<int>(
                            @"names => { const bs = [...document.querySelectorAll('button')].filter(b => !b.disabled && names.includes(b.textContent.trim()));
                                        bs.sort((a, b) => names.indexOf(a.textContent.trim()) - names.indexOf(b.textContent.trim()));
                                        if (!bs.length) return -1; bs[0].setAttribute('data-loadtest-target', '1'); return 1; }",
                            BattleRules.Weapons);
                        if (target < 0 || await Page.EvaluateAsync<bool>(turnOver))
                        {
                            break;
                        }
                        var snackbars = await Page.Locator(".mud-snackbar").CountAsync();
                        var sent = Stopwatch.GetTimestamp();
                        await Page.EvaluateAsync("() => { const b = document.querySelector('[data-loadtest-target]'); b.removeAttribute('data-loadtest-target'); b.setAttribute('data-loadtest-clicked', '1'); b.click(); }");
                        await Page.WaitForFunctionAsync(
                            $"() => {{ const b = document.querySelector('[data-loadtest-clicked]'); const done = !b || b.disabled || document.querySelectorAll('.mud-snackbar').length > {snackbars} || ({turnOver})(); if (done && b) b.removeAttribute('data-loadtest-clicked'); return done; }}",
                            null, new() { Timeout = Timeout, PollingInterval = 5 });
                        stats.Action(sent, Stopwatch.GetTimestamp(), "weapon");
                        if (await Page.Locator(".mud-snackbar").CountAsync() > snackbars)
                        {
                            stats.ActionRateLimited();
                        }
                    }
                    if (await Page.EvaluateAsync<bool>(turnOver))
                    {
                        continue;
                    }
                    await ThinkAsync(cancellationToken);
                    if (await Page.EvaluateAsync<bool>(turnOver))
                    {
                        continue;
                    }
                    await ClickAndWaitAsync("End Turn", turnOver, "end-turn");
                }
            }
            catch (PlaywrightException exception)
            {
                throw new BattleFailedException($"timeout:{role}-play", exception.Message.Split('\n')[0]);
            }
            catch (TimeoutException exception)
            {
                throw new BattleFailedException($"timeout:{role}-play", exception.Message.Split('\n')[0]);
            }
            throw new BattleFailedException("too-many-turns");
        }

        public async ValueTask DisposeAsync()
        {
            stats.ClientClosed();
            try
            {
                await context.DisposeAsync();
            }
            catch (Exception)
            {
            }
        }
    }
}
