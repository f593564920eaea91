using System.Diagnostics;
using SpaceCombat.CircuitClient;

namespace SpaceCombat.LoadTest.Scenario;

/// <summary>Battles played by headless Blazor circuits: one circuit per player.</summary>
public sealed class CircuitDriver : IBattleDriver
{
    private readonly HttpClient _sharedHttp;
    private readonly SocketsHttpHandler _sharedHandler;
    private long _players = -1;

    public CircuitDriver(LoadTestOptions options, Uri baseUri)
    {
        Options = options;
        BaseUri = baseUri;
        _sharedHandler = PlayerConnection.CreateHandler(sourceAddress: null);
        _sharedHttp = PlayerConnection.CreateClient(_sharedHandler);
        Ramp = new SemaphoreSlim(options.RampConcurrency);
    }

    internal LoadTestOptions Options { get; }

    internal Uri BaseUri { get; }

    /// <summary>How many circuits may be starting at once (--ramp).</summary>
    internal SemaphoreSlim Ramp { get; }

    /// <summary>The next player's connection: from its own loopback address, or the generator's shared client.</summary>
    internal PlayerConnection ConnectPlayer() => Options.SourceAddresses == SourceAddressMode.LoopbackPerPlayer
        ? PlayerConnection.From(LoopbackSourceAddresses.For(Interlocked.Increment(ref _players)))
        : PlayerConnection.Shared(_sharedHttp);

    public async Task<string> PlayBattleAsync(int index, BattlePlan plan, SetupToken setup, CancellationToken cancellationToken)
    {
        var stats = setup.Stats;
        var random = new Random(HashCode.Combine(Options.Seed, index));
        // With --sustain players arrive as people do: the creator at the home page, choosing the scenario on the
        // set-up page, the joiner at the bare invite link; otherwise both open links that carry the scenario.
        var arrive = Options.Sustain is not null;
        await using var creator = new CircuitPlayer(this, stats, new Random(random.Next()), "creator");
        var started = Stopwatch.GetTimestamp();
        if (arrive)
        {
            await creator.OpenAsync("", cancellationToken);
            await creator.FollowLinkAsync(Options.Solo ? "Play vs AI" : "Create Battle",
                t => t.ByTestId("ship-select") is not null && t.EnabledButton("Start Battle") is not null, "set-up-page", cancellationToken);
            await creator.ChooseAsync("ship-select", plan.Ship, cancellationToken);
            if (Options.Solo)
            {
                await creator.ChooseAsync("enemy-select", plan.EnemyShip, cancellationToken);
            }
            await creator.ChooseAsync("range-select", plan.Range, cancellationToken);
        }
        else
        {
            await creator.OpenAsync(BattleRules.SetupPath(Options, plan), cancellationToken);
        }
        await creator.StartBattleAsync(cancellationToken);
        stats.BattleStarted();
        if (Options.Solo)
        {
            return await BattleRules.FinishSoloAsync(setup, Options, started, creator.PlayToResultAsync, cancellationToken);
        }

        var invite = creator.Circuit.Query(t => t.TextOf("invite-link"))
            ?? throw new BattleFailedException("no-invite-link");
        var invitePath = new Uri(invite).AbsolutePath.TrimStart('/');
        await using var joiner = new CircuitPlayer(this, stats, new Random(random.Next()), "joiner");
        using var creatorCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var joinerCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var creatorPlays = PlayAfterBarrierAsync(creator, setup, creatorCts.Token);
        // If the creator's side fails, the joiner stops too (and the creator's reason is reported).
        _ = creatorPlays.ContinueWith(t => { if (t.IsFaulted) joinerCts.Cancel(); }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            if (arrive)
            {
                await joiner.OpenAsync(invitePath, joinerCts.Token);
                await joiner.ChooseAsync("ship-select", plan.EnemyShip, joinerCts.Token);
            }
            else
            {
                await joiner.OpenAsync(invitePath + BattleRules.JoinQuery(plan), joinerCts.Token);
            }
            await joiner.ClickAndWaitAsync("Join Battle", t => t.ByClass("sc-hud") is not null, "join-battle", joinerCts.Token, navigation: true);
            setup.Done();
            setup.PlayBegan();
            var joinerResult = await PlayAfterBarrierAsync(joiner, setup, joinerCts.Token);
            var creatorResult = await creatorPlays;
            var results = $"{creatorResult}/{joinerResult}";
            if (!BattleRules.PairConsistent(creatorResult, joinerResult))
            {
                throw new BattleFailedException("inconsistent-result", results);
            }
            stats.BattleCompleted(Stopwatch.GetElapsedTime(Options.SyncStart ? Math.Max(started, stats.AllReadyTimestamp) : started), results);
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
        await setup.BarrierAsync(Options, cancellationToken);
        return await player.PlayToResultAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _sharedHttp.Dispose();
        _sharedHandler.Dispose();
        Ramp.Dispose();
        return ValueTask.CompletedTask;
    }
}
