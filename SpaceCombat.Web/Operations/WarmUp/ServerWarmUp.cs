using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SpaceCombat.CircuitClient;

namespace SpaceCombat.Web.Operations.WarmUp;

/// <summary>
/// Once the server has started, plays <see cref="SpaceCombatOptions.WarmUpBattles"/> practice battles against itself
/// and opens <see cref="SpaceCombatOptions.WarmUpPageVisits"/> pages, through its own pages over loopback, before
/// <see cref="WarmUpReadiness"/> lets /ready report ready. A fresh server compiles the code that every arrival and
/// every click runs, and compiles it again optimised once it is hot; under a crowd that took 20–28 s of its processors
/// in the first minute, and every player waited behind it. The practice comes in <see cref="Passes"/> passes, each
/// followed by a wait for the JIT to go quiet (<see cref="CompilerQuiet"/>). Whatever happens, the warm-up ends within
/// its time limit.
/// </summary>
public sealed partial class ServerWarmUp(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    WarmUpReadiness readiness,
    IOptions<SpaceCombatOptions> options,
    TimeProvider time,
    ILogger<ServerWarmUp> logger) : BackgroundService
{
    /// <summary>The pages visited besides the battles': the home page and both set-up pages, in turn.</summary>
    public static readonly IReadOnlyList<string> VisitedPages = ["", "new?opponent=person", "new?opponent=ai"];

    /// <summary>How many page visits are open at once (each holds a circuit of the loopback client's).</summary>
    public const int VisitsAtOnce = 2;

    /// <summary>
    /// The battles and pages are played in this many passes, each after the JIT has gone quiet: while a pass compiles
    /// new code the runtime does not yet count calls towards optimising it, so the hot code of the first pass is
    /// optimised only by the calls of the next.
    /// </summary>
    public const int Passes = 2;

    /// <summary>The first index and the count of <paramref name="total"/> items that pass <paramref name="pass"/> plays (the earlier passes take the odd one).</summary>
    public static (int First, int Count) PassShare(int total, int pass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(pass);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pass, Passes);
        var first = (total * pass + Passes - 1) / Passes;
        var end = (total * (pass + 1) + Passes - 1) / Passes;
        return (first, end - first);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.WarmUpBattles == 0 && settings.WarmUpPageVisits == 0)
        {
            readiness.Ended("off");
            return;
        }
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (OwnAddress.From(addresses) is not { } baseUri)
        {
            LogNoAddress(logger, string.Join(", ", addresses));
            readiness.Ended("skipped: no plain-HTTP address to reach the server through");
            return;
        }
        readiness.Ended(await WarmUpAsync(baseUri, settings, stoppingToken));
    }

    private async Task<string> WarmUpAsync(Uri baseUri, SpaceCombatOptions settings, CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        using var timeLimit = new CancellationTokenSource(settings.WarmUpTimeLimit, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeLimit.Token);
        using var handler = PlayerConnection.CreateHandler(sourceAddress: null);
        using var http = PlayerConnection.CreateClient(handler);
        // Its own client to the per-client limits, not 127.0.0.1's (see WarmUpClient).
        http.DefaultRequestHeaders.Add(WarmUpClient.HeaderName, WarmUpClient.Secret);
        var connection = PlayerConnection.Shared(http);
        connection.HubHeaders[WarmUpClient.HeaderName] = WarmUpClient.Secret;
        var battlesPlayed = 0;
        var pagesVisited = 0;

        async Task BattleAsync(int index)
        {
            await PracticeBattle.PlayAsync(index, connection, baseUri, time, stop.Token);
            Interlocked.Increment(ref battlesPlayed);
        }

        LogStarting(logger, settings.WarmUpBattles, settings.WarmUpPageVisits, baseUri);
        var compiler = CompilerQuiet.ForThisProcess(time);
        Task[] work = [];
        Exception? failure = null;
        try
        {
            for (var pass = 0; pass < Passes; pass++)
            {
                var (firstBattle, battles) = PassShare(settings.WarmUpBattles, pass);
                var (firstVisit, visits) = PassShare(settings.WarmUpPageVisits, pass);
                var nextVisit = firstVisit - 1;
                async Task VisitorAsync()
                {
                    int index;
                    while ((index = Interlocked.Increment(ref nextVisit)) < firstVisit + visits)
                    {
                        await using var visitor = new PracticePlayer(connection, baseUri, time);
                        await visitor.OpenAsync(VisitedPages[index % VisitedPages.Count], stop.Token);
                        Interlocked.Increment(ref pagesVisited);
                    }
                }

                work = Enumerable.Range(firstBattle, battles).Select(BattleAsync)
                    .Concat(Enumerable.Range(0, VisitsAtOnce).Select(_ => VisitorAsync()))
                    .ToArray();
                await Task.WhenAll(work);
                // Methods the pass made hot are queued to be compiled again, optimised: the next pass (and ready)
                // comes after that queue has drained, and the next pass's calls are counted towards the next tier.
                await compiler.WaitAsync(stop.Token);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return "the server is stopping";
        }
        catch (Exception exception)
        {
            // The failure that stopped a battle or visit (a page that never came), not the cancellations it caused.
            failure = work.Select(task => task.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException)
                ?? work.Select(task => task.Exception?.InnerException).FirstOrDefault(e => e is not null)
                ?? exception;
        }
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        var done = string.Create(CultureInfo.InvariantCulture,
            $"{battlesPlayed} of {settings.WarmUpBattles} practice battles and {pagesVisited} of {settings.WarmUpPageVisits} pages in {seconds:0.0} s");
        if (timeLimit.IsCancellationRequested)
        {
            LogTimeLimit(logger, settings.WarmUpTimeLimit, battlesPlayed, settings.WarmUpBattles, pagesVisited, settings.WarmUpPageVisits);
            return $"cut short by its time limit: {done}";
        }
        if (failure is not null)
        {
            LogFailed(logger, failure, battlesPlayed, settings.WarmUpBattles, pagesVisited, settings.WarmUpPageVisits);
            return $"failed: {done} ({failure.Message})";
        }
        LogDone(logger, battlesPlayed, pagesVisited, seconds);
        return done;
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up: playing {Battles} practice battles and opening {Pages} pages through {BaseUri} before reporting ready")]
    private static partial void LogStarting(ILogger logger, int battles, int pages, Uri baseUri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up done: {Battles} practice battles and {Pages} pages in {Seconds:0.0} s; the server reports ready")]
    private static partial void LogDone(ILogger logger, int battles, int pages, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up cut short by its time limit ({TimeLimit}) after {Battles} of {BattlesPlanned} practice battles and {Pages} of {PagesPlanned} pages; the server reports ready anyway")]
    private static partial void LogTimeLimit(ILogger logger, TimeSpan timeLimit, int battles, int battlesPlanned, int pages, int pagesPlanned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up failed after {Battles} of {BattlesPlanned} practice battles and {Pages} of {PagesPlanned} pages; the server reports ready anyway")]
    private static partial void LogFailed(ILogger logger, Exception exception, int battles, int battlesPlanned, int pages, int pagesPlanned);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up skipped: the server listens on no plain-HTTP address it can reach itself through ({Addresses})")]
    private static partial void LogNoAddress(ILogger logger, string addresses);
}
