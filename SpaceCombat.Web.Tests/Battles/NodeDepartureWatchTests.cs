using System.Collections.Immutable;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Cluster;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// A node of the cluster dies: this node renews its pages' observers at once (their battles come back on a live node and
/// the pages see what they missed), and only the senior node calls every battle in play back into memory.
/// </summary>
public sealed class NodeDepartureWatchTests : IAsyncLifetime
{
    private static readonly SiloAddress Local = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress Other = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 2);
    private static readonly SiloAddress Newcomer = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11113), 3);

    private readonly BattleTestHost _host = new();
    private readonly FakeMembership _membership = new();
    private readonly BringBackCountingRegistry _registry;
    private readonly Channel<int> _seniorityAsked = Channel.CreateUnbounded<int>();
    private NodeDepartureWatch _watch = null!;
    private bool _senior = true;

    public NodeDepartureWatchTests() => _registry = new BringBackCountingRegistry(() => _membership.Delivered);

    public async Task InitializeAsync()
    {
        _membership.Publish((Local, SiloStatus.Active), (Other, SiloStatus.Active));
        var seniority = new ClusterSeniority(() =>
        {
            _seniorityAsked.Writer.TryWrite(_membership.Delivered);
            return _senior;
        });
        _watch = new NodeDepartureWatch(_membership, seniority, _host.Silo.Feed, _registry, NullLogger<NodeDepartureWatch>.Instance);
        await _watch.StartAsync(CancellationToken.None);
        // The watch runs on a background thread: it must have read the membership it starts from before a test changes it.
        await _membership.FirstDelivered.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await _watch.StopAsync(CancellationToken.None);
        _watch.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task When_a_node_dies_the_pages_see_what_their_battle_did_since_and_the_senior_node_calls_every_battle_back()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        using var seen = await _host.WatchAsync(one.BattleId, Side.One);
        // The battle lived on a node that died: it comes back in a new activation that knows no observer, and moves on.
        var before = await _host.EndTurnInNewActivationAsync(one, two);
        Assert.Empty(seen.Views);

        var death = _membership.Publish((Local, SiloStatus.Active), (Other, SiloStatus.Dead));

        var caughtUp = await seen.NextAsync(_ => true);
        Assert.Equal(before.TurnNumber + 1, caughtUp.Snapshot!.TurnNumber);
        Assert.Equal(death, await Next(_registry.Calls));
    }

    [Fact]
    public async Task A_node_that_is_not_the_senior_leaves_calling_the_battles_back_to_the_senior()
    {
        _senior = false;
        var firstDeath = _membership.Publish((Local, SiloStatus.Active), (Other, SiloStatus.Dead));
        Assert.Equal(firstDeath, await Next(_seniorityAsked));

        // Then the senior goes too and this node is the oldest left: the next departure is its to handle.
        _senior = true;
        var secondDeath = _membership.Publish((Local, SiloStatus.Active), (Other, SiloStatus.Dead), (Newcomer, SiloStatus.Dead));

        Assert.Equal(secondDeath, await Next(_registry.Calls));
        Assert.False(_registry.Calls.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_node_joining_or_shutting_down_brings_nothing_back_until_one_is_declared_dead()
    {
        _membership.Publish((Local, SiloStatus.Active), (Other, SiloStatus.Active), (Newcomer, SiloStatus.Joining));
        _membership.Publish((Local, SiloStatus.Active), (Other, SiloStatus.Active), (Newcomer, SiloStatus.Active));
        _membership.Publish((Local, SiloStatus.Active), (Other, SiloStatus.ShuttingDown), (Newcomer, SiloStatus.Active));
        var death = _membership.Publish((Local, SiloStatus.Active), (Other, SiloStatus.Dead), (Newcomer, SiloStatus.Active));

        // Each call is tagged with the update the watch was acting on; updates are taken in order.
        Assert.Equal(death, await Next(_registry.Calls));
        Assert.Equal(death, await Next(_seniorityAsked));
    }

    /// <summary>The next value the watch's work writes, or a failure rather than a hang if it never comes.</summary>
    private static Task<int> Next(Channel<int> channel) => channel.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>The cluster's membership as the test publishes it, one numbered snapshot at a time.</summary>
    private sealed class FakeMembership : IClusterMembershipService
    {
        private readonly Channel<ClusterMembershipSnapshot> _updates = Channel.CreateUnbounded<ClusterMembershipSnapshot>();

        public ClusterMembershipSnapshot CurrentSnapshot { get; private set; } =
            new(ImmutableDictionary<SiloAddress, ClusterMember>.Empty, MembershipVersion.MinValue);

        private readonly TaskCompletionSource _firstDelivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _published;

        /// <summary>Completes when the watch has taken its first update (so it read the snapshot it starts from).</summary>
        public Task FirstDelivered => _firstDelivered.Task;

        /// <summary>The number of the snapshot last handed to the watch: the one it is acting on.</summary>
        public int Delivered { get; private set; }

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => DeliverAsync();

        private async IAsyncEnumerable<ClusterMembershipSnapshot> DeliverAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var snapshot in _updates.Reader.ReadAllAsync(cancellationToken))
            {
                Delivered = (int)snapshot.Version.Value;
                _firstDelivered.TrySetResult();
                yield return snapshot;
            }
        }

        public int Publish(params (SiloAddress Silo, SiloStatus Status)[] members)
        {
            _published++;
            var snapshot = new ClusterMembershipSnapshot(
                members.ToImmutableDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, m.Silo.ToString())),
                new MembershipVersion(_published));
            CurrentSnapshot = snapshot;
            _updates.Writer.TryWrite(snapshot);
            return _published;
        }

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }

    /// <summary>Tells the test which membership update each call to bring the battles back answered.</summary>
    private sealed class BringBackCountingRegistry(Func<int> delivered) : UnusedBattleRegistry
    {
        public Channel<int> Calls { get; } = Channel.CreateUnbounded<int>();

        public override Task<int> BringBackAsync(CancellationToken cancellationToken = default)
        {
            Calls.Writer.TryWrite(delivered());
            return Task.FromResult(0);
        }
    }
}
