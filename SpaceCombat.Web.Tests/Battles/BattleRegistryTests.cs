using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class BattleRegistryTests : IDisposable
{
    private readonly BattleTestHost _host = new(o =>
    {
        o.TurnTimer = TimeSpan.FromSeconds(30);
        o.ReconnectGrace = TimeSpan.FromMinutes(2);
        o.CombatInactiveTimeout = TimeSpan.FromMinutes(5);
        o.CombatHistoryLimit = 3;
    });

    public void Dispose() => _host.Dispose();

    private IBattleRegistry Registry => _host.Registry;

    private async Task<Side> ActiveSideAsync(string battleId) => (await Registry.GetAsync(battleId))!.Snapshot!.ActiveSide!.Value;

    private static string TokenOf(Side side, SeatGrant one, SeatGrant two) => side == Side.One ? one.Token : two.Token;

    [Fact]
    public async Task Two_battles_running_at_once_never_see_each_others_events()
    {
        var (a1, a2) = await _host.StartPersonBattleAsync("scout", "seeker");
        var (b1, b2) = await _host.StartPersonBattleAsync("far_trader", "safari_ship");
        using var seenByA = await _host.WatchAsync(a1.BattleId);

        for (var i = 0; i < 6; i++)
        {
            var active = await ActiveSideAsync(b1.BattleId);
            var reply = await Registry.ExecuteAsync(b1.BattleId, TokenOf(active, b1, b2), new EndTurn(active));
            Assert.True(reply.Accepted, reply.Message);
        }

        Assert.Empty(seenByA.Views);
        var viewA = (await Registry.GetAsync(a1.BattleId))!;
        Assert.Equal(1, viewA.Snapshot!.Round);
        Assert.DoesNotContain(viewA.Log.OfType<BattleStarted>(), e => e.ShipOne == "far_trader");
        Assert.All(viewA.Log.OfType<TurnEnded>(), _ => Assert.Fail("battle A saw a turn end from battle B"));

        var activeA = await ActiveSideAsync(a1.BattleId);
        await Registry.ExecuteAsync(a1.BattleId, TokenOf(activeA, a1, a2), new EndTurn(activeA));
        // Battle A's own broadcast comes after anything battle B could have sent it.
        var first = await seenByA.NextAsync(_ => true);
        Assert.Equal(a1.BattleId, first.Id);
        Assert.Single(seenByA.Views);
    }

    [Fact]
    public async Task A_spectator_or_a_forged_token_cannot_act_and_nothing_changes()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        var before = (await Registry.GetAsync(one.BattleId))!;

        foreach (var token in new[] { null, "", "not-a-token", one.Token + "x" })
        {
            var reply = await Registry.ExecuteAsync(one.BattleId, token, new EndTurn(before.Snapshot!.ActiveSide!.Value));
            Assert.False(reply.Accepted);
            Assert.Contains("Spectators cannot act", reply.Message);
        }

        Assert.Equal(before.Version, (await Registry.GetAsync(one.BattleId))!.Version);
    }

    [Fact]
    public async Task The_side_named_in_a_command_is_ignored_the_seat_decides()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        var active = await ActiveSideAsync(one.BattleId);
        var waitingToken = TokenOf(active.Opponent(), one, two);

        // The waiting player claims to be the active side: refused as out of turn, because the seat is what counts.
        var forged = await Registry.ExecuteAsync(one.BattleId, waitingToken, new EndTurn(active));
        Assert.False(forged.Accepted);
        Assert.Equal("It is not your turn.", forged.Message);

        var surrender = await Registry.ExecuteAsync(one.BattleId, waitingToken, new Surrender(active));
        Assert.True(surrender.Accepted);
        Assert.Equal(active, (await Registry.GetAsync(one.BattleId))!.Outcome!.Winner);
    }

    [Fact]
    public async Task Players_cannot_send_server_only_commands()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        foreach (var command in new BattleCommand[] { new Abandon(), new ExpireTurn(Side.One, 1), new Forfeit(Side.Two) })
        {
            var reply = await Registry.ExecuteAsync(one.BattleId, one.Token, command);
            Assert.False(reply.Accepted);
        }
        Assert.Equal(BattlePhase.InProgress, (await Registry.GetAsync(one.BattleId))!.Phase);
    }

    [Fact]
    public async Task The_second_seat_is_taken_once_and_an_AI_battle_cannot_be_joined()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        var (third, problem) = await Registry.JoinAsync(one.BattleId, "scout");
        Assert.Null(third);
        Assert.Contains("Both seats", problem);

        var (solo, _) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "scout", "seeker", RangeBand.Long));
        var (intruder, soloProblem) = await Registry.JoinAsync(solo!.BattleId, "scout");
        Assert.Null(intruder);
        Assert.Contains("against the AI", soloProblem);

        var (waiting, _) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Long));
        var (badShip, shipProblem) = await Registry.JoinAsync(waiting!.BattleId, "death_star");
        Assert.Null(badShip);
        Assert.Contains("Unknown ship", shipProblem);
        Assert.Equal(BattlePhase.WaitingForOpponent, (await Registry.GetAsync(waiting.BattleId))!.Phase);
    }

    [Theory]
    [InlineData(OpponentKind.Ai, "scout", "warship", RangeBand.Medium, "Unknown enemy ship")]
    [InlineData(OpponentKind.Ai, "x", "scout", RangeBand.Medium, "Unknown ship")]
    [InlineData(OpponentKind.Person, "scout", null, (RangeBand)42, "Unknown range band")]
    [InlineData((OpponentKind)9, "scout", null, RangeBand.Medium, "Choose an opponent")]
    public async Task Bad_set_up_is_refused_with_a_message_and_creates_nothing(OpponentKind opponent, string ship, string? enemy, RangeBand band, string message)
    {
        var (grant, problem) = await Registry.CreateAsync(new NewBattleRequest(opponent, ship, enemy, band));
        Assert.Null(grant);
        Assert.Contains(message, problem);
        Assert.Empty(await Registry.ListAsync());
    }

    [Fact]
    public async Task The_turn_timer_ends_the_turn_after_exactly_the_configured_time_and_fires_nothing()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        var start = (await Registry.GetAsync(one.BattleId))!;
        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromSeconds(30), start.TurnDeadline);

        _host.Time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.Equal(start.Snapshot!.TurnNumber, (await Registry.GetAsync(one.BattleId))!.Snapshot!.TurnNumber);

        _host.Time.Advance(TimeSpan.FromTicks(1));
        var after = (await Registry.GetAsync(one.BattleId))!;
        Assert.Equal(start.Snapshot.TurnNumber + 1, after.Snapshot!.TurnNumber);
        var ended = Assert.Single(after.Log.OfType<TurnEnded>());
        Assert.Equal(TurnEndReason.TimerExpired, ended.Reason);
        Assert.Empty(after.Log.OfType<LaserAttack>());
        Assert.Empty(after.Log.OfType<MissilesLaunched>());
    }

    [Fact]
    public async Task A_turn_ended_early_gives_the_next_turn_a_full_timer_and_the_earlier_deadline_ends_nothing()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        var start = (await Registry.GetAsync(one.BattleId))!;
        var firstTurn = start.Snapshot!.TurnNumber;
        var active = start.Snapshot.ActiveSide!.Value;

        _host.Time.Advance(TimeSpan.FromSeconds(20));
        var token = active == Side.One ? one.Token : two.Token;
        Assert.True((await Registry.ExecuteAsync(one.BattleId, token, new EndTurn(active))).Accepted);
        var second = (await Registry.GetAsync(one.BattleId))!;
        Assert.Equal(firstTurn + 1, second.Snapshot!.TurnNumber);
        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromSeconds(30), second.TurnDeadline);

        // The first turn's deadline passes: the alarm was moved to the second turn's.
        _host.Time.Advance(TimeSpan.FromSeconds(10));
        _host.Time.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromTicks(1));
        Assert.Equal(firstTurn + 1, (await Registry.GetAsync(one.BattleId))!.Snapshot!.TurnNumber);

        _host.Time.Advance(TimeSpan.FromTicks(1));
        var after = (await Registry.GetAsync(one.BattleId))!;
        Assert.Equal(firstTurn + 2, after.Snapshot!.TurnNumber);
        Assert.Equal(TurnEndReason.TimerExpired, after.Log.OfType<TurnEnded>().Last().Reason);
        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromSeconds(30), after.TurnDeadline);
    }

    [Fact]
    public async Task A_player_away_past_the_reconnect_grace_forfeits_but_one_who_returns_in_time_does_not()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: true);
        await Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: true);

        await Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: false);
        _host.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));
        await Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: true);
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null((await Registry.GetAsync(one.BattleId))!.Outcome);

        await Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: false);
        _host.Time.Advance(TimeSpan.FromMinutes(2));
        var outcome = (await Registry.GetAsync(one.BattleId))!.Outcome;
        Assert.NotNull(outcome);
        Assert.Equal(BattleEndReason.Forfeited, outcome.Reason);
        Assert.Equal(Side.One, outcome.Winner);
    }

    [Fact]
    public async Task A_seat_leaving_during_play_tells_the_pages_with_its_forfeit_time_and_a_second_tab_tells_nobody()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: true);
        await Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: true);
        using var told = await _host.WatchAsync(one.BattleId);

        // Another tab of a player who is already there changes nothing anyone sees.
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: true);
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: false);

        _host.Time.Advance(TimeSpan.FromSeconds(5));
        await Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: false);
        var away = await told.NextAsync(v => !v.SeatTwoConnected);
        Assert.Single(told.Views);
        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromMinutes(2), away.SeatTwoForfeitsAt);
        Assert.Null(away.SeatOneForfeitsAt);
        Assert.Equal(1, (await Registry.ListAsync()).Single(b => b.Id == one.BattleId).PlayersConnected);

        await Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: true);
        var back = await told.NextAsync(v => v.SeatTwoConnected);
        Assert.Equal(2, told.Views.Count);
        Assert.Null(back.SeatTwoForfeitsAt);

        // Leaving a finished battle re-renders nobody: the next broadcast (the rematch) follows the battle's end.
        await Registry.ExecuteAsync(one.BattleId, two.Token, new Surrender(Side.Two));
        await told.NextAsync(v => v.Phase == BattlePhase.Over);
        var afterEnd = told.Views.Count;
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: false);
        await Registry.RematchAsync(one.BattleId, two.Token);
        await told.NextAsync(v => v.RematchId is not null);
        Assert.Equal(afterEnd + 1, told.Views.Count);
        Assert.Null((await Registry.GetAsync(one.BattleId))!.SeatOneForfeitsAt);
    }

    [Fact]
    public async Task A_battle_with_no_accepted_command_is_pruned_after_exactly_the_inactivity_timeout()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        var (other, _) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "scout", "seeker", RangeBand.Medium));
        using var told = await _host.WatchAsync(one.BattleId);

        _host.Time.Advance(TimeSpan.FromMinutes(4));
        var active = await ActiveSideAsync(other!.BattleId);
        await Registry.ExecuteAsync(other.BattleId, other.Token, new EndTurn(active)); // keeps the AI battle alive

        _host.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        Assert.Equal(0, await Registry.PruneInactiveAsync());
        Assert.NotNull(await Registry.GetAsync(one.BattleId));

        _host.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, await Registry.PruneInactiveAsync());
        Assert.Null(await Registry.GetAsync(one.BattleId));
        Assert.NotNull(await Registry.GetAsync(other.BattleId));

        var last = await told.NextAsync(v => v.Phase == BattlePhase.Over);
        Assert.Equal(BattleEndReason.Abandoned, last.Outcome!.Reason);
        Assert.Null(last.Outcome.Winner);
        Assert.False((await Registry.ExecuteAsync(one.BattleId, two.Token, new EndTurn(Side.Two))).Accepted);
    }

    [Fact]
    public async Task An_AI_battle_its_creator_never_opens_is_pruned_though_the_AI_answers_every_turn_that_runs_out()
    {
        var (grant, _) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "scout", "scout", RangeBand.Distant));
        var startTurn = (await Registry.GetAsync(grant!.BattleId))!.Snapshot!.TurnNumber;

        // Nine turn timers run out in 4.5 minutes; after each the AI plays its own turn at once.
        for (var i = 0; i < 9; i++)
        {
            _host.Time.Advance(TimeSpan.FromSeconds(30));
            // The grain applies the deadline after the clock moved; a call queued behind it returns once the next is armed.
            await Registry.GetAsync(grant.BattleId);
        }
        Assert.True((await Registry.GetAsync(grant.BattleId))!.Snapshot!.TurnNumber >= startTurn + 9, "the turns ran out and the AI answered them");
        Assert.Equal(0, await Registry.PruneInactiveAsync());

        _host.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await Registry.PruneInactiveAsync());
        Assert.Null(await Registry.GetAsync(grant.BattleId));
    }

    [Fact]
    public async Task The_log_is_the_start_events_then_each_accepted_commands_events_and_a_refused_command_adds_nothing()
    {
        var (one, two) = await _host.StartPersonBattleAsync("scout", "scout");
        var start = (await Registry.GetAsync(one.BattleId))!;
        Assert.IsType<BattleStarted>(start.Log[0]);
        Assert.Single(start.Log.OfType<InitiativeRolled>());
        var active = start.Snapshot!.ActiveSide!.Value;
        var token = TokenOf(active, one, two);

        var fired = await Registry.ExecuteAsync(one.BattleId, token, new FireLasers(active, 0));
        Assert.True(fired.Accepted, fired.Message);
        Assert.NotEmpty(fired.Events);
        Assert.False((await Registry.ExecuteAsync(one.BattleId, token, new FireLasers(active, 0))).Accepted);

        Assert.Equal([.. start.Log, .. fired.Events], (await Registry.GetAsync(one.BattleId))!.Log);
    }

    [Fact]
    public async Task The_log_keeps_only_the_configured_number_of_rounds()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        for (var i = 0; i < 20; i++)
        {
            var active = await ActiveSideAsync(one.BattleId);
            await Registry.ExecuteAsync(one.BattleId, TokenOf(active, one, two), new EndTurn(active));
        }

        var view = (await Registry.GetAsync(one.BattleId))!;
        Assert.Equal(11, view.Snapshot!.Round);
        Assert.Equal([9, 10, 11], view.Log.Select(e => e.Round).Distinct().Order());
    }

    [Fact]
    public async Task A_rematch_is_one_new_battle_with_the_same_ships_and_a_fresh_seat_for_each_player()
    {
        var (one, two) = await _host.StartPersonBattleAsync("scout", "seeker", RangeBand.Short);
        await Registry.ExecuteAsync(one.BattleId, two.Token, new Surrender(Side.Two));

        var (rematchForOne, tokenOne) = await Registry.RematchAsync(one.BattleId, one.Token);
        var (rematchForTwo, tokenTwo) = await Registry.RematchAsync(one.BattleId, two.Token);
        var (none, spectatorToken) = await Registry.RematchAsync(one.BattleId, "spectator");

        Assert.NotNull(rematchForOne);
        Assert.Equal(rematchForOne, rematchForTwo);
        Assert.Null(none);
        Assert.Null(spectatorToken);
        Assert.Equal(Side.One, await Registry.SeatForAsync(rematchForOne, tokenOne));
        Assert.Equal(Side.Two, await Registry.SeatForAsync(rematchForOne, tokenTwo));
        var rematch = (await Registry.GetAsync(rematchForOne))!;
        Assert.Equal(BattlePhase.InProgress, rematch.Phase);
        Assert.Equal(("scout", "seeker", RangeBand.Short), (rematch.Snapshot!.One.Class.Id, rematch.Snapshot.Two.Class.Id, rematch.Snapshot.Band));
    }

    [Fact]
    public async Task The_AI_side_plays_its_own_turns_so_a_solo_player_only_ever_waits_for_their_own_turn()
    {
        var (grant, _) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "patrol_corvette", "free_trader", RangeBand.Short));
        for (var turns = 0; turns < 200; turns++)
        {
            var view = (await Registry.GetAsync(grant!.BattleId))!;
            if (view.Outcome is not null)
            {
                Assert.Equal(BattlePhase.Over, view.Phase);
                Assert.Null(view.TurnDeadline);
                return;
            }
            Assert.Equal(Side.One, view.Snapshot!.ActiveSide);
            var ship = view.Snapshot.One;
            foreach (var turret in ship.Turrets.Where(t => t.Class.HasLaser))
            {
                await Registry.ExecuteAsync(grant.BattleId, grant.Token, new FireLasers(Side.One, turret.Index));
            }
            await Registry.ExecuteAsync(grant.BattleId, grant.Token, new EndTurn(Side.One));
        }
        Assert.Fail("The solo battle did not end.");
    }
}
