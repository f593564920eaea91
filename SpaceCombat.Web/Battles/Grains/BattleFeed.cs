using Orleans.Concurrency;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles.Cluster;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// This web server's end of every battle it shows: one grain observer per battle and kind of viewer, fanning each view
/// out to the circuits showing it, and one seat lease per battle seat its circuits hold. Both are renewed every third
/// of <see cref="SpaceCombatOptions.PresenceLease"/> (Orleans forgets observers that are not, and a server that stops
/// renewing, a crash, lets its seats' leases run out so their reconnect grace starts).
/// </summary>
public sealed partial class BattleFeed(IGrainFactory grains, TimeProvider time, IOptions<SpaceCombatOptions> options, ILogger<BattleFeed> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<(string Battle, Side? Viewer), Channel> _channels = new();
    private readonly ConcurrentDictionary<(string Battle, Side Seat), int> _seats = new();
    private readonly ConcurrentQueue<(IBattleObserver Reference, DateTimeOffset Retired)> _retired = new();
    private readonly Lock _gate = new();
    private readonly IGrainFactory _grains = grains;
    private readonly BattleGrains _battles = new(grains);
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    /// <summary>Names this server to the grains as the holder of its leases.</summary>
    public string HolderId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Sends <paramref name="onChange"/> every change of the battle as <paramref name="viewer"/> may see it; dispose to stop.</summary>
    public async Task<IDisposable> SubscribeAsync(string battleId, Side? viewer, Action<BattleView> onChange)
    {
        Channel channel;
        var handler = new Handler(onChange);
        lock (_gate)
        {
            channel = _channels.GetOrAdd((battleId, viewer), key => new Channel(this, key.Battle, key.Viewer));
            channel.Handlers = [.. channel.Handlers, handler];
            channel.Subscribed ??= channel.SubscribeAsync();
        }
        await channel.Subscribed;
        return new Subscription(this, channel, handler);
    }

    /// <summary>A circuit of this server holds the seat (or stops holding it); the grain hears when the first comes and the last goes.</summary>
    public async Task SeatPresenceAsync(string battleId, Side seat, bool connected)
    {
        int count;
        lock (_gate)
        {
            count = _seats.AddOrUpdate((battleId, seat), connected ? 1 : 0, (_, held) => Math.Max(0, held + (connected ? 1 : -1)));
            if (count == 0)
            {
                _seats.TryRemove(new KeyValuePair<(string, Side), int>((battleId, seat), 0));
            }
        }
        var battle = _battles.Get(battleId);
        if (connected && count == 1)
        {
            await UndeliveredCallRetry.CallAsync(() => battle.HoldSeatAsync(seat, HolderId, options.Value.PresenceLease), _time);
        }
        else if (!connected && count == 0)
        {
            await UndeliveredCallRetry.CallAsync(() => battle.ReleaseSeatAsync(seat, HolderId), _time);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PresenceLease / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RenewAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Renews every observer subscription and seat lease this server holds, in one call per battle: a call per observer
    /// and per seat was four a battle (≈ 400 a second at 1,000 battles) every third of a lease.
    /// </summary>
    public async Task RenewAsync()
    {
        ForgetRetiredReferences();
        foreach (var (battleId, holding) in Holdings())
        {
            try
            {
                await _battles.Get(battleId).RenewAsync([.. holding.Observers], [.. holding.Seats], HolderId, options.Value.PresenceLease);
            }
            catch (Exception exception)
            {
                RenewFailed(_logger, exception, battleId);
            }
        }
    }

    /// <summary>What this server holds of each battle: its open channels' observers and its seats.</summary>
    private Dictionary<string, Holding> Holdings()
    {
        var holdings = new Dictionary<string, Holding>(StringComparer.Ordinal);
        foreach (var channel in _channels.Values)
        {
            if (channel.Reference is { } reference)
            {
                HoldingOf(holdings, channel.BattleId).Observers.Add((reference, channel.Viewer));
            }
        }
        foreach (var ((battleId, seat), _) in _seats)
        {
            HoldingOf(holdings, battleId).Seats.Add(seat);
        }
        return holdings;
    }

    private static Holding HoldingOf(Dictionary<string, Holding> holdings, string battleId)
    {
        if (!holdings.TryGetValue(battleId, out var holding))
        {
            holding = new Holding();
            holdings.Add(battleId, holding);
        }
        return holding;
    }

    private void Unsubscribe(Channel channel, Handler handler)
    {
        bool last;
        lock (_gate)
        {
            channel.Handlers = channel.Handlers.Where(h => h != handler).ToArray();
            last = channel.Handlers.Length == 0;
            if (last)
            {
                _channels.TryRemove(new KeyValuePair<(string, Side?), Channel>((channel.BattleId, channel.Viewer), channel));
            }
        }
        if (last)
        {
            _ = channel.UnsubscribeAsync();
        }
    }

    /// <summary>
    /// Deletes the object references of channels closed at least one lease ago. A view the grain sent one-way before it
    /// heard the unsubscription may still be on its way; deleting the reference at once would make Orleans log that
    /// message as an error, so the closed channel takes it (and drops it) for a lease first.
    /// </summary>
    private void ForgetRetiredReferences()
    {
        var before = _time.GetUtcNow() - options.Value.PresenceLease;
        while (_retired.TryPeek(out var retired) && retired.Retired <= before && _retired.TryDequeue(out retired))
        {
            _grains.DeleteObjectReference<IBattleObserver>(retired.Reference);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Battle {BattleId}: renewing this server's observer or seat lease failed")]
    private static partial void RenewFailed(ILogger logger, Exception exception, string battleId);

    [LoggerMessage(LogLevel.Warning, "Battle {BattleId}: a circuit failed to take an update")]
    private static partial void HandlerFailed(ILogger logger, Exception exception, string battleId);

    /// <summary>One battle's share of a renewal: the observers (each with its kind of viewer) and the seats this server holds.</summary>
    private sealed class Holding
    {
        public List<(IBattleObserver Observer, Side? Viewer)> Observers { get; } = [];

        public List<Side> Seats { get; } = [];
    }

    private sealed class Handler(Action<BattleView> onChange)
    {
        public Action<BattleView> OnChange { get; } = onChange;
    }

    private sealed class Subscription(BattleFeed feed, Channel channel, Handler handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Unsubscribe(channel, handler);
            }
        }
    }

    /// <summary>One battle as one kind of viewer sees it, on this server: the grain observer and the circuits it feeds.</summary>
    private sealed class Channel(BattleFeed feed, string battleId, Side? viewer) : IBattleObserver
    {
        private IBattleObserver? _reference;

        public string BattleId { get; } = battleId;

        public Side? Viewer { get; } = viewer;

        public Handler[] Handlers { get; set; } = [];

        /// <summary>Set once its last circuit has gone: a closed channel never subscribes again.</summary>
        private volatile bool _closed;

        /// <summary>The first subscription to the grain: the channel's circuits are told every change after it.</summary>
        public Task? Subscribed { get; set; }

        /// <summary>The grain's handle on this channel while it is open (renewed with the battle's other holdings).</summary>
        public IBattleObserver? Reference => _closed ? null : _reference;

        public Task OnBattleChanged(Immutable<BattleView> view)
        {
            foreach (var handler in Handlers)
            {
                try
                {
                    handler.OnChange(view.Value);
                }
                catch (Exception exception)
                {
                    HandlerFailed(feed._logger, exception, BattleId);
                }
            }
            return Task.CompletedTask;
        }

        public async Task SubscribeAsync()
        {
            if (_closed)
            {
                return;
            }
            try
            {
                _reference ??= feed._grains.CreateObjectReference<IBattleObserver>(this);
                await feed._battles.Get(BattleId).SubscribeAsync(_reference, Viewer);
            }
            catch (Exception exception)
            {
                RenewFailed(feed._logger, exception, BattleId);
            }
        }

        public async Task UnsubscribeAsync()
        {
            _closed = true;
            if (_reference is null)
            {
                return;
            }
            try
            {
                await feed._battles.Get(BattleId).UnsubscribeAsync(_reference);
                feed._retired.Enqueue((_reference, feed._time.GetUtcNow()));
            }
            catch (Exception exception)
            {
                RenewFailed(feed._logger, exception, BattleId);
            }
        }
    }
}
