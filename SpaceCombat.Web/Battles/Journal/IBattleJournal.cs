using SpaceCombat.Core.Logbook;

namespace SpaceCombat.Web.Battles.Journal;

/// <summary>
/// Where battles are kept so that they outlive the process: per battle the request it was created with, its seats and
/// deadlines (small, rewritten when they change), the logbook's opening (once) and its entries (appended, never
/// rewritten). A battle writes here before anyone is shown what it wrote (write-ahead).
/// </summary>
public interface IBattleJournal
{
    /// <summary>Reserves a battle code: false when a battle already holds it (the caller draws another).</summary>
    Task<bool> ReserveAsync(string code, NewBattleRequest request, DateTimeOffset at);

    /// <summary>Writes one step of a battle in one transaction: its seats when they changed, the opening once, new entries.</summary>
    Task WriteAsync(string code, JournalStep step);

    /// <summary>Everything kept of a battle, or null when there is none (never created, or removed).</summary>
    Task<JournalRecord?> ReadAsync(string code);

    /// <summary>
    /// The live battles kept (retained ones are not), each with its end mark once it ended: the admin list calls only
    /// the battles without one, so it brings no ended battle back into memory.
    /// </summary>
    Task<IReadOnlyList<KeptBattle>> BattlesAsync();

    /// <summary>
    /// The codes of the live battles whose last activity (<see cref="BattleSeats.LastActivity"/>, or the reservation for a
    /// battle not written since) is at or before <paramref name="cutoff"/>: the only ones a pruning pass calls, so it
    /// brings no other battle into memory. Kept beside the battle so it is answered without reading any battle.
    /// </summary>
    Task<IReadOnlyList<string>> InactiveSinceAsync(DateTimeOffset cutoff);

    /// <summary>Forgets a battle (pruned or ended by an operator with no retention, or its retention passed).</summary>
    Task RemoveAsync(string code);

    /// <summary>
    /// Takes a battle that ended out of the live battles but keeps its record (<see cref="ReadAsync"/> gives it, with
    /// <see cref="JournalRecord.RetainedUntil"/>) until <paramref name="until"/>. A journal that cannot keep it
    /// forgets it at once.
    /// </summary>
    Task RetainAsync(string code, DateTimeOffset until) => RemoveAsync(code);

    /// <summary>Removes every retained battle whose retention ended at or before <paramref name="now"/>; returns how many.</summary>
    Task<int> RemoveExpiredAsync(DateTimeOffset now) => Task.FromResult(0);
}

/// <summary>
/// One write of a battle. <see cref="FirstEntryNumber"/> numbers <see cref="Entries"/> (from 1) so a retried write
/// cannot append an entry twice.
/// </summary>
public sealed record JournalStep(BattleSeats? Seats, LogbookOpening? Opening, IReadOnlyList<LogbookEntry> Entries, int FirstEntryNumber, DateTimeOffset At)
{
    /// <summary>The battle's end mark, written once with the step that ended it (the first one written is kept).</summary>
    public BattleEndMark? Ended { get; init; }

    public bool IsEmpty => Seats is null && Opening is null && Entries.Count == 0 && Ended is null;

    /// <summary>The battle's last activity this step records, or null when it leaves the one kept (no seats, or none yet).</summary>
    public DateTimeOffset? Activity => Seats is { } seats && seats.LastActivity != DateTimeOffset.MinValue ? seats.LastActivity : null;
}

/// <summary>A battle as the journal keeps it; <see cref="Entries"/> are in the order they were accepted.</summary>
public sealed record JournalRecord(
    string Code,
    NewBattleRequest Request,
    BattleSeats Seats,
    LogbookOpening? Opening,
    IReadOnlyList<LogbookEntry> Entries,
    DateTimeOffset LastWrite,
    DateTimeOffset? RetainedUntil = null)
{
    /// <summary>A battle that ended and left the live list: only its record is kept, for its full log.</summary>
    public bool IsRetained => RetainedUntil is not null;

    /// <summary>The end mark written when the battle ended; null while it plays (and for one that ended before marks were kept).</summary>
    public BattleEndMark? Ended { get; init; }
}

/// <summary>A live battle's code and, once it ended, its end mark.</summary>
public sealed record KeptBattle(string Code, BattleEndMark? Ended);
