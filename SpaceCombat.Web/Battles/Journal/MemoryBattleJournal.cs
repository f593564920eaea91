using System.Collections.Concurrent;
using SpaceCombat.Core.Logbook;

namespace SpaceCombat.Web.Battles.Journal;

/// <summary>The journal kept in this process only (Storage = Memory): battles survive a grain's deactivation, not a restart.</summary>
public sealed class MemoryBattleJournal : IBattleJournal
{
    private readonly ConcurrentDictionary<string, Kept> _battles = new(StringComparer.Ordinal);

    public Task<bool> ReserveAsync(string code, NewBattleRequest request, DateTimeOffset at) =>
        Task.FromResult(_battles.TryAdd(code, new Kept(request, BattleSeats.Empty, at)));

    public Task WriteAsync(string code, JournalStep step)
    {
        if (!_battles.TryGetValue(code, out var kept))
        {
            // A failed task, as the other journals give: the caller's other writes are not cut short.
            return Task.FromException(new InvalidOperationException($"Battle {code} was not reserved in the journal."));
        }
        lock (kept)
        {
            kept.Seats = step.Seats ?? kept.Seats;
            kept.Opening ??= step.Opening;
            // Entries already kept (a retried write) are skipped, as the SQLite journal's key does.
            var skip = kept.Entries.Count - (step.FirstEntryNumber - 1);
            kept.Entries.AddRange(step.Entries.Skip(Math.Max(0, skip)));
            kept.LastWrite = step.At;
            kept.LastActivity = step.Activity ?? kept.LastActivity;
            kept.Ended ??= step.Ended;
        }
        return Task.CompletedTask;
    }

    public Task<JournalRecord?> ReadAsync(string code)
    {
        if (!_battles.TryGetValue(code, out var kept))
        {
            return Task.FromResult<JournalRecord?>(null);
        }
        lock (kept)
        {
            return Task.FromResult<JournalRecord?>(new JournalRecord(code, kept.Request, kept.Seats, kept.Opening, kept.Entries.ToArray(), kept.LastWrite, kept.RetainedUntil)
            {
                Ended = kept.Ended,
            });
        }
    }

    public Task<IReadOnlyList<KeptBattle>> BattlesAsync()
    {
        var battles = new List<KeptBattle>();
        foreach (var (code, kept) in _battles)
        {
            lock (kept)
            {
                if (kept.RetainedUntil is null)
                {
                    battles.Add(new KeptBattle(code, kept.Ended));
                }
            }
        }
        return Task.FromResult<IReadOnlyList<KeptBattle>>(battles);
    }

    public Task<IReadOnlyList<string>> InactiveSinceAsync(DateTimeOffset cutoff)
    {
        var inactive = new List<string>();
        foreach (var (code, kept) in _battles)
        {
            lock (kept)
            {
                if (kept.RetainedUntil is null && kept.LastActivity <= cutoff)
                {
                    inactive.Add(code);
                }
            }
        }
        return Task.FromResult<IReadOnlyList<string>>(inactive);
    }

    public Task RetainAsync(string code, DateTimeOffset until)
    {
        if (_battles.TryGetValue(code, out var kept))
        {
            lock (kept)
            {
                kept.RetainedUntil = until;
            }
        }
        return Task.CompletedTask;
    }

    public Task<int> RemoveExpiredAsync(DateTimeOffset now)
    {
        var removed = 0;
        foreach (var (code, kept) in _battles)
        {
            if (kept.RetainedUntil <= now && _battles.TryRemove(code, out _))
            {
                removed++;
            }
        }
        return Task.FromResult(removed);
    }

    public Task RemoveAsync(string code)
    {
        _battles.TryRemove(code, out _);
        return Task.CompletedTask;
    }

    private sealed class Kept(NewBattleRequest request, BattleSeats seats, DateTimeOffset at)
    {
        public NewBattleRequest Request { get; } = request;
        public BattleSeats Seats { get; set; } = seats;
        public LogbookOpening? Opening { get; set; }
        public List<LogbookEntry> Entries { get; } = [];
        public DateTimeOffset LastWrite { get; set; } = at;
        public DateTimeOffset LastActivity { get; set; } = at;
        public DateTimeOffset? RetainedUntil { get; set; }
        public BattleEndMark? Ended { get; set; }
    }
}
