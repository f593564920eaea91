using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Grains;
using SpaceCombat.Web.Battles.Journal;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// Creating a battle reserves a code in the journal, then the code's grain opens the battle. Between the two the code
/// is already a live battle to the pruner and the admin list; whatever happens to it there, the player who creates a
/// battle gets one, never a message about codes (a player never chooses a code).
/// </summary>
public sealed class BattleOpeningTests : IDisposable
{
    private static readonly TimeSpan Inactive = TimeSpan.FromMinutes(5);
    private static readonly NewBattleRequest PersonBattle = new(OpponentKind.Person, "scout", null, RangeBand.Medium);

    /// <summary>A memory journal that runs a step right after each reservation, before the opener opens the battle, or reserves nothing at all.</summary>
    private sealed class InterruptedJournal : IBattleJournal
    {
        private readonly MemoryBattleJournal _kept = new();

        public Func<string, Task>? AfterReservation { get; set; }

        public bool ReservesNothing { get; set; }

        public List<string> Reserved { get; } = [];

        public async Task<bool> ReserveAsync(string code, NewBattleRequest request, DateTimeOffset at)
        {
            if (ReservesNothing)
            {
                // As a real journal's round trip: an opener that never stops drawing must not hold the test's thread.
                await Task.Yield();
                return false;
            }
            if (!await _kept.ReserveAsync(code, request, at))
            {
                return false;
            }
            Reserved.Add(code);
            if (AfterReservation is { } step)
            {
                await step(code);
            }
            return true;
        }

        public Task WriteAsync(string code, JournalStep step) => _kept.WriteAsync(code, step);
        public Task<JournalRecord?> ReadAsync(string code) => _kept.ReadAsync(code);
        public Task<IReadOnlyList<KeptBattle>> BattlesAsync() => _kept.BattlesAsync();
        public Task<IReadOnlyList<string>> InactiveSinceAsync(DateTimeOffset cutoff) => _kept.InactiveSinceAsync(cutoff);
        public Task RemoveAsync(string code) => _kept.RemoveAsync(code);
        public Task RetainAsync(string code, DateTimeOffset until) => _kept.RetainAsync(code, until);
        public Task<int> RemoveExpiredAsync(DateTimeOffset now) => _kept.RemoveExpiredAsync(now);
    }

    private readonly InterruptedJournal _journal = new();
    private readonly BattleTestHost _host;

    public BattleOpeningTests()
    {
        _host = new BattleTestHost(o =>
        {
            o.CombatInactiveTimeout = Inactive;
            o.TurnTimer = TimeSpan.FromHours(1);
            o.BattleRetention = TimeSpan.FromHours(6);
        }, journal: _journal);
    }

    public void Dispose() => _host.Dispose();

    private IBattleRegistry Registry => _host.Registry;

    [Fact]
    public async Task A_battle_is_created_when_a_pruning_pass_reaches_its_code_between_the_reservation_and_the_opening()
    {
        var pruned = -1;
        _journal.AfterReservation = async _ => pruned = await Registry.PruneInactiveAsync();

        var (grant, problem) = await Registry.CreateAsync(PersonBattle);

        Assert.Null(problem);
        Assert.Equal(0, pruned);
        Assert.Equal(BattlePhase.WaitingForOpponent, (await Registry.GetAsync(grant!.BattleId))!.Phase);
        Assert.Equal(Side.One, await Registry.SeatForAsync(grant.BattleId, grant.Token));
    }

    [Fact]
    public async Task A_reserved_battle_never_opened_is_pruned_after_exactly_the_inactivity_timeout_from_its_reservation()
    {
        Assert.True(await _journal.ReserveAsync("ABCDEF", PersonBattle, _host.Time.GetUtcNow()));

        _host.Time.Advance(Inactive - TimeSpan.FromTicks(1));
        Assert.Equal(0, await Registry.PruneInactiveAsync());
        Assert.Contains("ABCDEF", await _journal.CodesAsync());

        _host.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, await Registry.PruneInactiveAsync());
        Assert.DoesNotContain("ABCDEF", await _journal.CodesAsync());
    }

    [Fact]
    public async Task A_battle_is_created_under_another_code_when_an_operator_ends_the_reserved_one_before_it_opens()
    {
        _journal.AfterReservation = async code =>
        {
            if (_journal.Reserved.Count == 1)
            {
                Assert.True(await Registry.EndAsync(code));
            }
        };

        var (grant, problem) = await Registry.CreateAsync(PersonBattle);

        Assert.Null(problem);
        Assert.Equal(2, _journal.Reserved.Count);
        Assert.Equal(_journal.Reserved[1], grant!.BattleId);
        Assert.Equal(BattlePhase.WaitingForOpponent, (await Registry.GetAsync(grant.BattleId))!.Phase);
        Assert.Null(await Registry.GetAsync(_journal.Reserved[0]));
    }

    [Fact]
    public async Task When_no_reserved_code_can_be_opened_creating_says_so_after_a_bounded_number_of_codes()
    {
        _journal.AfterReservation = async code => Assert.True(await Registry.EndAsync(code));

        var (grant, problem) = await Registry.CreateAsync(PersonBattle).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(grant);
        Assert.Equal(BattleOpener.NoFreeCode, problem);
        Assert.Equal(BattleOpener.MaxCodeDraws, _journal.Reserved.Count);
        Assert.Empty(await Registry.ListAsync());
    }

    [Fact]
    public async Task When_the_journal_reserves_no_code_creating_says_so_instead_of_drawing_forever()
    {
        _journal.ReservesNothing = true;

        var (grant, problem) = await Registry.CreateAsync(PersonBattle).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(grant);
        Assert.Equal(BattleOpener.NoFreeCode, problem);
    }

    [Fact]
    public async Task A_rematch_that_cannot_be_opened_offers_nothing_and_a_later_one_is_opened()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        await Registry.ExecuteAsync(one.BattleId, two.Token, new Surrender(Side.Two));
        _journal.ReservesNothing = true;

        Assert.Equal((null, null), await Registry.RematchAsync(one.BattleId, one.Token).WaitAsync(TimeSpan.FromSeconds(30)));

        _journal.ReservesNothing = false;
        var (rematch, token) = await Registry.RematchAsync(one.BattleId, one.Token);
        Assert.Equal(Side.One, await Registry.SeatForAsync(rematch!, token));
    }
}
