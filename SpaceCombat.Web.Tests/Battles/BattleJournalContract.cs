using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Logbook;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Journal;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// What every <see cref="IBattleJournal"/> must do, run once per journal by a subclass: a code reserved once, a step
/// written whole and read back the same after the journal is reopened (as a new process would), a retried step
/// appending nothing twice, a step for a battle never reserved refused alone, codes listed, a removed battle gone, an
/// ended battle's end mark kept and listed.
/// </summary>
public abstract class BattleJournalContract : IDisposable
{
    private readonly List<IBattleJournal> _open = [];

    /// <summary>A journal on this test's storage, opened as a new process would open it.</summary>
    protected abstract IBattleJournal OpenJournal();

    /// <summary>Releases what <see cref="OpenJournal"/> took (its connection or file).</summary>
    protected abstract void CloseJournal(IBattleJournal journal);

    protected IBattleJournal Open()
    {
        var journal = OpenJournal();
        _open.Add(journal);
        return journal;
    }

    /// <summary>Closes <paramref name="journal"/> and opens another on the same storage.</summary>
    protected IBattleJournal Reopen(IBattleJournal journal)
    {
        _open.Remove(journal);
        CloseJournal(journal);
        return Open();
    }

    public virtual void Dispose()
    {
        foreach (var journal in _open)
        {
            CloseJournal(journal);
        }
        _open.Clear();
        GC.SuppressFinalize(this);
    }

    protected static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, BattleJson.Options);

    protected static readonly NewBattleRequest Request = new(OpponentKind.Person, "scout", null, RangeBand.Medium);

    protected static readonly DateTimeOffset At = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    protected static LogbookEntry EndTurnEntry(Side side) => new(new EndTurn(side), []);

    [Fact]
    public async Task What_is_written_is_read_back_after_the_journal_is_reopened()
    {
        var logbook = BattleLogbook.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new SeededDice(3));
        var active = logbook.Snapshot.ActiveSide!.Value;
        Assert.True(logbook.Execute(new FireLasers(active, 0)).Accepted);
        Assert.True(logbook.Execute(new EndTurn(active)).Accepted);
        var entries = logbook.TakeNewEntries();
        var seats = BattleSeats.Empty with
        {
            TokenOne = "one",
            TokenTwo = "two",
            LastActivity = At,
            Deadlines = new BattleDeadlines(2, Side.Two, At.AddSeconds(30), null, At.AddMinutes(2)),
        };
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        await journal.WriteAsync("ABCDEF", new JournalStep(seats, logbook.Opening, entries.Take(1).ToArray(), 1, At));
        await journal.WriteAsync("ABCDEF", new JournalStep(null, null, entries.Skip(1).ToArray(), 2, At.AddSeconds(1)));

        var reopened = Reopen(journal);

        var record = (await reopened.ReadAsync("ABCDEF"))!;
        Assert.Equal("ABCDEF", record.Code);
        Assert.Equal(Request, record.Request);
        Assert.Equal(seats, record.Seats);
        Assert.Equal(Json(logbook.Opening), Json(record.Opening));
        Assert.Equal(entries.Select(Json), record.Entries.Select(Json));
        Assert.Equal(At.AddSeconds(1), record.LastWrite);
        Assert.Equal(["ABCDEF"], await reopened.CodesAsync());
        var restored = BattleLogbook.Restore(record.Opening!, record.Entries, new SeededDice(1));
        Assert.Equal(Json(logbook.Snapshot), Json(restored.Snapshot));
    }

    [Fact]
    public async Task A_reserved_battle_has_empty_seats_no_opening_and_no_entries_until_written()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));

        var record = (await journal.ReadAsync("ABCDEF"))!;

        Assert.Equal(BattleSeats.Empty, record.Seats);
        Assert.Null(record.Opening);
        Assert.Empty(record.Entries);
        Assert.Equal(At, record.LastWrite);
    }

    [Fact]
    public async Task A_code_is_reserved_once_and_the_second_reservation_changes_nothing()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        Assert.False(await journal.ReserveAsync("ABCDEF", Request with { Ship = "seeker" }, At.AddMinutes(1)));

        var record = (await journal.ReadAsync("ABCDEF"))!;
        Assert.Equal("scout", record.Request.Ship);
        Assert.Equal(At, record.LastWrite);
    }

    [Fact]
    public async Task A_retried_write_appends_nothing_twice_keeps_the_first_opening_and_the_latest_seats()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        var opening = BattleLogbook.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new SeededDice(3)).Opening;
        var other = BattleLogbook.Start(new BattleSetup("seeker", "free_trader", RangeBand.Long), new SeededDice(4)).Opening;
        var seats = BattleSeats.Empty with { TokenOne = "one" };
        var step = new JournalStep(seats, opening, [EndTurnEntry(Side.One), EndTurnEntry(Side.Two)], 1, At);

        await journal.WriteAsync("ABCDEF", step);
        await journal.WriteAsync("ABCDEF", step);
        // A retry that overlaps what was kept and carries one entry more appends only that one.
        await journal.WriteAsync("ABCDEF", new JournalStep(seats with { TokenTwo = "two" }, other,
            [EndTurnEntry(Side.Two), EndTurnEntry(Side.One)], 2, At.AddSeconds(5)));

        var record = (await journal.ReadAsync("ABCDEF"))!;
        Assert.Equal([Side.One, Side.Two, Side.One], record.Entries.Select(e => ((EndTurn)e.Command).Side));
        Assert.Equal(Json(opening), Json(record.Opening));
        Assert.Equal(seats with { TokenTwo = "two" }, record.Seats);
        Assert.Equal(At.AddSeconds(5), record.LastWrite);
    }

    [Fact]
    public async Task A_step_without_seats_keeps_the_seats_kept()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        var seats = BattleSeats.Empty with { TokenOne = "one", TokenTwo = "two" };
        await journal.WriteAsync("ABCDEF", new JournalStep(seats, null, [], 1, At));
        await journal.WriteAsync("ABCDEF", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At.AddSeconds(1)));

        Assert.Equal(seats, (await journal.ReadAsync("ABCDEF"))!.Seats);
    }

    [Fact]
    public async Task A_step_for_a_battle_never_reserved_is_refused_alone_and_keeps_nothing()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.WriteAsync("GHJKMN", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At)));
        // Written together (one commit for both where the journal groups them), the bad step fails alone.
        var good = journal.WriteAsync("ABCDEF", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At));
        var bad = journal.WriteAsync("GHJKMN", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At));
        await good;
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);

        Assert.Single((await journal.ReadAsync("ABCDEF"))!.Entries);
        Assert.Null(await journal.ReadAsync("GHJKMN"));
        Assert.Equal(["ABCDEF"], await journal.CodesAsync());
    }

    [Fact]
    public async Task Codes_are_every_battle_kept()
    {
        var journal = Open();
        Assert.Empty(await journal.CodesAsync());
        foreach (var code in new[] { "QRSTUV", "ABCDEF", "GHJKMN" })
        {
            Assert.True(await journal.ReserveAsync(code, Request, At));
        }

        Assert.Equal(["ABCDEF", "GHJKMN", "QRSTUV"], (await journal.CodesAsync()).Order());
    }

    [Fact]
    public async Task A_removed_battle_is_gone_with_its_entries_and_its_code_is_free_again()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        Assert.True(await journal.ReserveAsync("GHJKMN", Request, At));
        await journal.WriteAsync("ABCDEF", new JournalStep(BattleSeats.Empty with { TokenOne = "one" }, null, [EndTurnEntry(Side.One)], 1, At));

        await journal.RemoveAsync("ABCDEF");

        Assert.Null(await journal.ReadAsync("ABCDEF"));
        Assert.Equal(["GHJKMN"], await journal.CodesAsync());
        Assert.True(await journal.ReserveAsync("ABCDEF", Request with { Ship = "seeker" }, At.AddHours(1)));
        var again = (await journal.ReadAsync("ABCDEF"))!;
        Assert.Equal("seeker", again.Request.Ship);
        Assert.Equal(BattleSeats.Empty, again.Seats);
        Assert.Empty(again.Entries);
        await journal.RemoveAsync("NOSUCH");
        Assert.Equal(["ABCDEF", "GHJKMN"], (await journal.CodesAsync()).Order());
    }

    [Fact]
    public async Task A_retained_battle_is_readable_not_live_keeps_its_code_and_goes_when_its_retention_ends()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        Assert.True(await journal.ReserveAsync("GHJKMN", Request, At));
        await journal.WriteAsync("ABCDEF", new JournalStep(BattleSeats.Empty with { TokenOne = "one" }, null, [EndTurnEntry(Side.One)], 1, At));
        var until = At.AddDays(1);

        await journal.RetainAsync("ABCDEF", until);

        journal = Reopen(journal);
        var kept = (await journal.ReadAsync("ABCDEF"))!;
        Assert.Equal(until, kept.RetainedUntil);
        Assert.Single(kept.Entries);
        Assert.Null((await journal.ReadAsync("GHJKMN"))!.RetainedUntil);
        Assert.Equal(["GHJKMN"], await journal.CodesAsync());
        Assert.False(await journal.ReserveAsync("ABCDEF", Request, At));

        Assert.Equal(0, await journal.RemoveExpiredAsync(until.AddMilliseconds(-1)));
        Assert.NotNull(await journal.ReadAsync("ABCDEF"));
        Assert.Equal(1, await journal.RemoveExpiredAsync(until));
        Assert.Null(await journal.ReadAsync("ABCDEF"));
        Assert.Equal(0, await journal.RemoveExpiredAsync(until.AddDays(1)));
        Assert.Equal(["GHJKMN"], await journal.CodesAsync());
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
    }

    protected static readonly BattleEndMark EndMark =
        new(OpponentKind.Person, "scout", "free_trader", 4, new BattleOutcome(Side.Two, BattleEndReason.Surrendered, 4), At.AddMinutes(3));

    [Fact]
    public async Task An_end_mark_is_kept_from_the_first_step_that_carries_it_and_listed_with_its_battle_while_it_is_live()
    {
        var journal = Open();
        foreach (var code in new[] { "PLAYNG", "ENDEDD", "MARKED" })
        {
            Assert.True(await journal.ReserveAsync(code, Request, At));
        }
        await journal.WriteAsync("PLAYNG", new JournalStep(BattleSeats.Empty with { TokenOne = "one" }, null, [EndTurnEntry(Side.One)], 1, At));
        await journal.WriteAsync("ENDEDD", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At.AddMinutes(3)) { Ended = EndMark });
        // A later step (a rematch offered) that carries another mark keeps the first.
        await journal.WriteAsync("ENDEDD", new JournalStep(BattleSeats.Empty with { RematchId = "QRSTUV" }, null, [], 2, At.AddMinutes(4))
        {
            Ended = EndMark with { At = At.AddMinutes(4) },
        });
        // A battle that ended before marks were kept is marked by a step that carries only its mark.
        await journal.WriteAsync("MARKED", new JournalStep(null, null, [], 1, At.AddMinutes(5)) { Ended = EndMark with { Round = 2 } });

        journal = Reopen(journal);

        Assert.Equal(
            [new KeptBattle("ENDEDD", EndMark), new KeptBattle("MARKED", EndMark with { Round = 2 }), new KeptBattle("PLAYNG", null)],
            (await journal.BattlesAsync()).OrderBy(b => b.Code, StringComparer.Ordinal));
        var ended = (await journal.ReadAsync("ENDEDD"))!;
        Assert.Equal(EndMark, ended.Ended);
        Assert.Equal("QRSTUV", ended.Seats.RematchId);
        Assert.Single(ended.Entries);
        Assert.Null((await journal.ReadAsync("PLAYNG"))!.Ended);

        // Retained or removed, a battle leaves the list with its mark; its code reserved again starts unmarked.
        await journal.RetainAsync("ENDEDD", At.AddDays(1));
        await journal.RemoveAsync("MARKED");
        Assert.True(await journal.ReserveAsync("MARKED", Request, At.AddHours(1)));
        Assert.Equal([new KeptBattle("MARKED", null), new KeptBattle("PLAYNG", null)], (await journal.BattlesAsync()).OrderBy(b => b.Code, StringComparer.Ordinal));
        Assert.Null((await journal.ReadAsync("MARKED"))!.Ended);
    }

    [Fact]
    public async Task Inactive_battles_are_the_live_ones_last_active_at_or_before_the_cutoff_reserved_ones_since_their_reservation()
    {
        var journal = Open();
        foreach (var code in new[] { "RESRVD", "ACTIVE", "QUIETT", "ENDEDD" })
        {
            Assert.True(await journal.ReserveAsync(code, Request, At));
        }
        var seats = BattleSeats.Empty with { TokenOne = "one" };
        await journal.WriteAsync("ACTIVE", new JournalStep(seats with { LastActivity = At.AddMinutes(10) }, null, [], 1, At.AddMinutes(10)));
        await journal.WriteAsync("QUIETT", new JournalStep(seats with { LastActivity = At.AddMinutes(2) }, null, [], 1, At.AddMinutes(2)));
        // A step that records no activity (a turn run out: entries, no seats) leaves the activity kept.
        await journal.WriteAsync("QUIETT", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At.AddMinutes(20)));
        await journal.WriteAsync("ENDEDD", new JournalStep(seats with { LastActivity = At }, null, [], 1, At));
        await journal.RetainAsync("ENDEDD", At.AddDays(1));

        journal = Reopen(journal);

        Assert.Empty(await journal.InactiveSinceAsync(At.AddTicks(-1)));
        Assert.Equal(["RESRVD"], (await journal.InactiveSinceAsync(At)).Order());
        Assert.Equal(["QUIETT", "RESRVD"], (await journal.InactiveSinceAsync(At.AddMinutes(5))).Order());
        Assert.Equal(["ACTIVE", "QUIETT", "RESRVD"], (await journal.InactiveSinceAsync(At.AddMinutes(10))).Order());
        await journal.RemoveAsync("RESRVD");
        Assert.Equal(["ACTIVE", "QUIETT"], (await journal.InactiveSinceAsync(At.AddHours(1))).Order());
    }
}
