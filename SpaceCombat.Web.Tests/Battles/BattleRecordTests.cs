using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// A battle's record (its logbook) replays to every event of the battle, the rounds the live view has dropped
/// included, and to the very events the players were shown.
/// </summary>
public sealed class BattleRecordTests : IDisposable
{
    private readonly BattleTestHost _host = new(options => options.CombatHistoryLimit = 1);

    public void Dispose() => _host.Dispose();

    private static string[] Json(IEnumerable<BattleEvent> events) => [.. events.Select(BattleJson.WriteEvent)];

    [Fact]
    public async Task An_AI_battle_past_the_history_limit_replays_from_its_record_to_every_round_and_ends_with_the_live_log()
    {
        var (seat, problem) = await _host.Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "scout", "free_trader", RangeBand.Medium));
        Assert.Null(problem);
        var battleId = seat!.BattleId;
        var seen = new List<BattleEvent>();
        for (var turn = 0; turn < 4; turn++)
        {
            var view = (await _host.Registry.GetAsync(battleId))!;
            if (view.Snapshot!.ActiveSide != Side.One)
            {
                // The AI plays on the turn timer's expiry too: a server command, written down like any other.
                _host.Time.Advance(_host.Options.Value.TurnTimer);
                continue;
            }
            var reply = await _host.Registry.ExecuteAsync(battleId, seat.Token, new EndTurn(Side.One));
            Assert.True(reply.Accepted, reply.Message);
            seen.AddRange(reply.Events);
        }
        var surrender = await _host.Registry.ExecuteAsync(battleId, seat.Token, new Surrender(Side.One));
        Assert.True(surrender.Accepted, surrender.Message);
        var ended = (await _host.Registry.GetAsync(battleId))!;

        var whole = (await _host.Registry.GetRecordAsync(battleId))!.Events();

        Assert.True(ended.Snapshot!.Round >= 3, $"the battle reached round {ended.Snapshot.Round} only");
        // The live view kept the last round; the record has every round from the start.
        Assert.Equal(ended.Snapshot.Round, ended.Log[0].Round);
        Assert.IsType<BattleStarted>(whole[0]);
        Assert.Equal(Enumerable.Range(0, ended.Snapshot.Round + 1), whole.Select(e => e.Round).Distinct().Order());
        Assert.Equal(Json(ended.Log), Json(whole.TakeLast(ended.Log.Count)));
        // Every event a player was shown is in the record, in order.
        var wholeJson = Json(whole);
        var at = 0;
        foreach (var shown in Json(seen.Concat(surrender.Events)))
        {
            at = Array.IndexOf(wholeJson, shown, at) + 1;
            Assert.True(at > 0, $"shown but not in the record: {shown}");
        }
    }

    [Fact]
    public async Task A_battle_waiting_for_its_opponent_or_unknown_has_no_record()
    {
        var (seat, _) = await _host.Registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Medium));

        Assert.Null(await _host.Registry.GetRecordAsync(seat!.BattleId));
        Assert.Null(await _host.Registry.GetRecordAsync("NOSUCH"));
    }

    [Fact]
    public async Task The_record_is_the_players_battle_after_it_was_taken_once_and_the_battle_went_on()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        var first = (await _host.Registry.GetRecordAsync(one.BattleId))!;
        var active = (await _host.Registry.GetAsync(one.BattleId))!.Snapshot!.ActiveSide!.Value;
        var token = active == Side.One ? one.Token : two.Token;
        Assert.True((await _host.Registry.ExecuteAsync(one.BattleId, token, new EndTurn(active))).Accepted);

        var second = (await _host.Registry.GetRecordAsync(one.BattleId))!;

        Assert.Empty(first.Entries);
        Assert.Equal(new EndTurn(active), Assert.Single(second.Entries).Command);
        var live = (await _host.Registry.GetAsync(one.BattleId))!.Log;
        Assert.Equal(Json(live), Json(second.Events().TakeLast(live.Count)));
        Assert.Equal(Json(first.Events()), Json(second.Events().Take(first.Events().Count)));
    }
}
