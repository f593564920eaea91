using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Journal;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class CombatSessionTests : IDisposable
{
    private readonly BattleTestHost _host = new(o =>
    {
        o.RateLimitMaxActions = 2;
        o.RateLimitWindow = TimeSpan.FromSeconds(1);
        o.RateLimitQueueLimit = 0;
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_third_combat_action_inside_a_window_is_refused_changes_nothing_and_the_next_window_accepts()
    {
        var (grant, _) = await _host.Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "patrol_corvette", "mercenary_cruiser", RangeBand.Long));
        using var session = _host.NewSession();
        Assert.True(await session.AttachAsync(grant!.BattleId, grant.Token));
        Assert.Equal(Side.One, session.Seat);
        Assert.Equal(Side.One, session.View!.Snapshot!.ActiveSide);

        Assert.True((await session.SendAsync(new FireLasers(Side.One, 0))).Accepted);
        Assert.True((await session.SendAsync(new FireLasers(Side.One, 1))).Accepted);
        var version = session.View!.Version;
        var refused = await session.SendAsync(new LaunchMissiles(Side.One, 2));
        Assert.False(refused.Accepted);
        Assert.Equal("Rate limit exceeded. Please slow down.", refused.Message);
        Assert.Equal(version, session.View!.Version);
        Assert.False(session.View.Snapshot!.One.Turrets[2].Used);

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await session.SendAsync(new LaunchMissiles(Side.One, 2))).Accepted);
        Assert.True((await session.SendAsync(new EndTurn(Side.One))).Accepted);
    }

    [Fact]
    public async Task Eight_clicks_150_ms_apart_all_take_effect_in_click_order_with_no_message()
    {
        using var host = new BattleTestHost();
        using var session = await CruiserTurnAsync(host);
        var clicks = new List<Func<Task<ActionReply>>>
        {
            () => session.SendAsync(new FireLasers(Side.One, 0)),
            () => session.SendAsync(new FireLasers(Side.One, 1)),
            () => session.SendAsync(new LaunchMissiles(Side.One, 2)),
            () => session.SendAsync(new LaunchMissiles(Side.One, 3)),
            () => session.SendAsync(new FireLasers(Side.One, 4)),
            () => session.SendAsync(new FireLasers(Side.One, 5)),
            () => session.SendAsync(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 3)),
            () => session.SendAsync(new EndTurn(Side.One)),
        };
        var replies = new List<Task<ActionReply>>();
        foreach (var click in clicks)
        {
            replies.Add(click());
            host.Time.Advance(TimeSpan.FromMilliseconds(150));
        }
        for (var step = 0; step < 60 && !replies.All(r => r.IsCompleted); step++)
        {
            host.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        foreach (var reply in await Task.WhenAll(replies).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.True(reply.Accepted, reply.Message);
        }
        var mine = session.View!.Log.Where(e => e.Actor == Side.One && e is LaserAttack or MissilesLaunched or Manoeuvred or TurnEnded).ToList();
        Assert.Equal(
            ["LaserAttack 1", "LaserAttack 2", "MissilesLaunched 3", "MissilesLaunched 4", "LaserAttack 5", "LaserAttack 6", "Manoeuvred", "TurnEnded"],
            mine.Select(e => e switch
            {
                LaserAttack a => $"LaserAttack {a.TurretNumber}",
                MissilesLaunched m => $"MissilesLaunched {m.TurretNumber}",
                _ => e.GetType().Name,
            }));
        Assert.Equal(0, host.Metrics.Current.ActionsRateLimited);
    }

    [Fact]
    public async Task Thirty_clicks_in_a_second_show_the_message_and_run_nothing_past_the_queue()
    {
        using var host = new BattleTestHost();
        using var session = await CruiserTurnAsync(host);
        var replies = new List<Task<ActionReply>>();
        for (var click = 0; click < 30; click++)
        {
            replies.Add(session.SendAsync(new FireLasers(Side.One, 0)));
            host.Time.Advance(TimeSpan.FromMilliseconds(33));
        }
        for (var step = 0; step < 60 && !replies.All(r => r.IsCompleted); step++)
        {
            host.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var answers = await Task.WhenAll(replies).WaitAsync(TimeSpan.FromSeconds(10));
        // 2 at once + 6 queued reached the battle (the first fired, the others found the turret used); 22 were refused.
        Assert.Equal(22, answers.Count(a => a.Message == CombatSession.RateLimitMessage));
        Assert.True(answers.Take(8).All(a => a.Message != CombatSession.RateLimitMessage));
        Assert.Equal(1, answers.Count(a => a.Accepted));
        Assert.Equal(7, answers.Count(a => a.Message?.Contains("already been used", StringComparison.Ordinal) == true));
        Assert.Single(session.View!.Log.OfType<LaserAttack>());
    }

    /// <summary>A person battle with the cruiser in seat One at Short, its turn, and a session holding that seat.</summary>
    private static async Task<CombatSession> CruiserTurnAsync(BattleTestHost host)
    {
        var (one, two) = await host.StartPersonBattleAsync("mercenary_cruiser", "free_trader", RangeBand.Short);
        if ((await host.Registry.GetAsync(one.BattleId))!.Snapshot!.ActiveSide == Side.Two)
        {
            Assert.True((await host.Registry.ExecuteAsync(one.BattleId, two.Token, new EndTurn(Side.Two))).Accepted);
        }
        var session = host.NewSession();
        Assert.True(await session.AttachAsync(one.BattleId, one.Token));
        Assert.Equal(Side.One, session.View!.Snapshot!.ActiveSide);
        return session;
    }

    [Fact]
    public async Task Surrender_is_never_rate_limited()
    {
        var (grant, _) = await _host.Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "patrol_corvette", "free_trader", RangeBand.Long));
        using var session = _host.NewSession();
        await session.AttachAsync(grant!.BattleId, grant.Token);
        await session.SendAsync(new FireLasers(Side.One, 0));
        await session.SendAsync(new FireLasers(Side.One, 1));

        Assert.True((await session.SendAsync(new Surrender(Side.One))).Accepted);
        Assert.Equal(BattleEndReason.Surrendered, session.View!.Outcome!.Reason);
    }

    [Fact]
    public async Task A_session_without_a_seat_is_a_spectator_that_sees_updates_and_cannot_act()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        using var player = _host.NewSession();
        using var spectator = _host.NewSession();
        await player.AttachAsync(one.BattleId, one.Token);
        await spectator.AttachAsync(one.BattleId, token: null);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.Changed += () => changed.TrySetResult();

        Assert.Equal(one.BattleId, spectator.BattleId);
        Assert.Null(spectator.Seat);
        var refused = await spectator.SendAsync(new EndTurn(spectator.View!.Snapshot!.ActiveSide!.Value));
        Assert.False(refused.Accepted);
        Assert.Contains("Spectators cannot act", refused.Message);

        var active = spectator.View!.Snapshot!.ActiveSide!.Value;
        await _host.Registry.ExecuteAsync(one.BattleId, active == Side.One ? one.Token : two.Token, new EndTurn(active));
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(active.Opponent(), spectator.View!.Snapshot!.ActiveSide);
    }

    [Fact]
    public async Task Detaching_releases_the_subscription_and_the_seat_presence()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        var session = _host.NewSession();
        await session.AttachAsync(one.BattleId, one.Token);
        Assert.True((await _host.Registry.GetAsync(one.BattleId))!.SeatOneConnected);
        var changes = 0;
        session.Changed += () => changes++;

        session.Dispose();

        Assert.False((await _host.Registry.GetAsync(one.BattleId))!.SeatOneConnected);
        await _host.Registry.ExecuteAsync(one.BattleId, one.Token, new Surrender(Side.One));
        Assert.Equal(0, changes);
        Assert.Null(session.BattleId);
    }

    [Fact]
    public async Task Attaching_to_an_unknown_battle_says_so()
    {
        using var session = _host.NewSession();
        Assert.False(await session.AttachAsync("ZZZZZZ", "token"));
        Assert.False(await session.AttachAsync("not a code", null));
        Assert.False((await session.SendAsync(new EndTurn(Side.One))).Accepted);
    }
}

/// <summary>An action the battle's journal refuses to store is refused to the player, who sees the battle as kept.</summary>
public sealed class CombatSessionStoreFailureTests
{
    /// <summary>A memory journal that refuses the next write when told to, as Redis does when another copy wrote first.</summary>
    private sealed class RefusingJournal : IBattleJournal
    {
        private readonly MemoryBattleJournal _kept = new();

        public bool RefuseNextWrite { get; set; }

        public Task<bool> ReserveAsync(string code, NewBattleRequest request, DateTimeOffset at) => _kept.ReserveAsync(code, request, at);

        public Task WriteAsync(string code, JournalStep step)
        {
            if (RefuseNextWrite)
            {
                RefuseNextWrite = false;
                return Task.FromException(new InvalidOperationException($"Battle {code}: another copy of the battle wrote first."));
            }
            return _kept.WriteAsync(code, step);
        }

        public Task<JournalRecord?> ReadAsync(string code) => _kept.ReadAsync(code);

        public Task<IReadOnlyList<KeptBattle>> BattlesAsync() => _kept.BattlesAsync();
        public Task<IReadOnlyList<string>> InactiveSinceAsync(DateTimeOffset cutoff) => _kept.InactiveSinceAsync(cutoff);

        public Task RemoveAsync(string code) => _kept.RemoveAsync(code);
    }

    [Fact]
    public async Task An_action_the_journal_refuses_is_refused_to_the_player_with_the_battle_shown_as_kept_and_the_next_one_is_taken()
    {
        var journal = new RefusingJournal();
        using var host = new BattleTestHost(journal: journal);
        var (one, _) = await host.StartPersonBattleAsync();
        using var session = host.NewSession();
        Assert.True(await session.AttachAsync(one.BattleId, one.Token));
        var actor = session.View!.Snapshot!.ActiveSide;
        Assert.Equal(Side.One, actor);
        var (turn, logCount) = (session.View.Snapshot.TurnNumber, session.View.Log.Count);

        journal.RefuseNextWrite = true;
        // A battle that comes back numbers its views from the time it comes back, as real time would.
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var refused = await session.SendAsync(new EndTurn(Side.One));

        Assert.False(refused.Accepted);
        Assert.Equal(CombatSession.NotStoredMessage, refused.Message);
        Assert.Equal(Side.One, session.View!.Snapshot!.ActiveSide);
        Assert.Equal((turn, logCount), (session.View.Snapshot.TurnNumber, session.View.Log.Count));
        Assert.True((await session.SendAsync(new EndTurn(Side.One))).Accepted);
        Assert.Equal(Side.Two, session.View!.Snapshot!.ActiveSide);
    }
}
