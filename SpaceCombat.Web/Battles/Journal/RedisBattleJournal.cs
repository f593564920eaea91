using System.Globalization;
using System.Text.Json;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Logbook;
using StackExchange.Redis;

namespace SpaceCombat.Web.Battles.Journal;

/// <summary>
/// The journal in Redis (Storage = Redis), shared by every node that names the same server. Keys:
/// <list type="bullet">
/// <item><c>spacecombat:battle:{code}</c> — a hash: <c>request</c>, <c>seats</c>, <c>opening</c> (once the logbook
/// opened) and <c>ended</c> (its end mark, once it ended) as the JSON of <see cref="BattleJson"/>, and <c>last_write</c> (UTC ticks);</item>
/// <item><c>spacecombat:battle:{code}:entries</c> — a list of the logbook's entries (JSON), entry number n at index n − 1;</item>
/// <item><c>spacecombat:battles</c> — a set of the codes of live battles;</item>
/// <item><c>spacecombat:activity</c> — a sorted set of the codes of live battles scored by their last activity (Unix
/// milliseconds; the reservation until seats with an activity are written), which the pruning pass asks;</item>
/// <item><c>spacecombat:ended</c> — a hash of the live battles that ended: code → end mark (JSON), which the admin list
/// reads in one call (a battle that ended before marks were kept has none until its grain next reads it back);</item>
/// <item><c>spacecombat:retained</c> — a sorted set of the codes of ended battles kept for their retention, scored by
/// when it ends (Unix milliseconds; the hash's <c>retained_until</c> holds it in UTC ticks).</item>
/// </list>
/// Every write is one Lua script (one round trip, atomic on the server). A write touches a battle's keys and the set
/// of codes together, so the journal needs one Redis server (with replicas if wanted), not a Redis Cluster.
/// </summary>
public sealed class RedisBattleJournal(IConnectionMultiplexer redis) : IBattleJournal
{
    public const string KeyPrefix = "spacecombat:";
    public const string CodesKey = KeyPrefix + "battles";
    public const string RetainedKey = KeyPrefix + "retained";
    public const string ActivityKey = KeyPrefix + "activity";
    public const string EndedKey = KeyPrefix + "ended";

    public static string BattleKey(string code) => $"{KeyPrefix}battle:{code}";

    public static string EntriesKey(string code) => $"{BattleKey(code)}:entries";

    // KEYS: battle, codes, activity. ARGV: code, request, seats, at, at (Unix ms). Claims the code only when no battle holds it.
    private const string ReserveScript = """
        if redis.call('HSETNX', KEYS[1], 'request', ARGV[2]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'seats', ARGV[3], 'last_write', ARGV[4])
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
        return 1
        """;

    // KEYS: battle, entries, codes, activity, ended. ARGV: seats ('' = unchanged), opening ('' = none), at, first entry
    // number, last activity (Unix ms, '' = unchanged), code, end mark ('' = none; the first one kept), entries...
    // Checks everything before changing anything (a script that fails half-way keeps its first writes). Entries already
    // kept are skipped only when they are the same (a retried write); a different one means another activation of the
    // battle wrote first (a moment of two copies in a cluster), so the step is refused and this copy stops. An entry
    // past the next number would leave a hole, so that step is refused too.
    private const string WriteScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        local kept = redis.call('LLEN', KEYS[2])
        local first = tonumber(ARGV[4])
        local count = #ARGV - 7
        if count > 0 and first > kept + 1 then return -2 end
        for i = 1, math.min(count, kept - first + 1) do
            if redis.call('LINDEX', KEYS[2], first + i - 2) ~= ARGV[7 + i] then return -3 end
        end
        if ARGV[1] ~= '' then
            redis.call('HSET', KEYS[1], 'seats', ARGV[1], 'last_write', ARGV[3])
        else
            redis.call('HSET', KEYS[1], 'last_write', ARGV[3])
        end
        if ARGV[2] ~= '' then redis.call('HSETNX', KEYS[1], 'opening', ARGV[2]) end
        if ARGV[5] ~= '' and redis.call('SISMEMBER', KEYS[3], ARGV[6]) == 1 then redis.call('ZADD', KEYS[4], ARGV[5], ARGV[6]) end
        if ARGV[7] ~= '' and redis.call('HSETNX', KEYS[1], 'ended', ARGV[7]) == 1 and redis.call('SISMEMBER', KEYS[3], ARGV[6]) == 1 then
            redis.call('HSET', KEYS[5], ARGV[6], ARGV[7])
        end
        for i = math.max(1, kept - first + 2), count do
            redis.call('RPUSH', KEYS[2], ARGV[7 + i])
        end
        return 1
        """;

    // KEYS: battle, entries, codes, retained, activity, ended. ARGV: code.
    private const string RemoveScript = """
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('SREM', KEYS[3], ARGV[1])
        redis.call('ZREM', KEYS[4], ARGV[1])
        redis.call('ZREM', KEYS[5], ARGV[1])
        redis.call('HDEL', KEYS[6], ARGV[1])
        return 1
        """;

    // KEYS: battle, codes, retained, activity, ended. ARGV: code, until (UTC ticks), until (Unix ms). Takes a kept battle
    // out of the live codes; its hash and entries stay, so its code stays taken and its log readable.
    private const string RetainScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'retained_until', ARGV[2])
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
        redis.call('ZREM', KEYS[4], ARGV[1])
        redis.call('HDEL', KEYS[5], ARGV[1])
        return 1
        """;

    // KEYS: activity, codes. ARGV: cutoff (Unix ms). The live codes inactive since the cutoff; a code no longer live (the
    // back-fill of an older journal raced its removal) leaves the activity set.
    private const string InactiveScript = """
        local inactive = {}
        for _, code in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])) do
            if redis.call('SISMEMBER', KEYS[2], code) == 1 then
                table.insert(inactive, code)
            else
                redis.call('ZREM', KEYS[1], code)
            end
        end
        return inactive
        """;

    private IDatabase Database => redis.GetDatabase();

    public async Task<bool> ReserveAsync(string code, NewBattleRequest request, DateTimeOffset at)
    {
        var reserved = await Database.ScriptEvaluateAsync(ReserveScript,
            [BattleKey(code), CodesKey, ActivityKey],
            [code, JsonSerializer.Serialize(request, BattleJson.Options), JsonSerializer.Serialize(BattleSeats.Empty, BattleJson.Options), Ticks(at), at.ToUnixTimeMilliseconds()]);
        return (int)reserved == 1;
    }

    public async Task WriteAsync(string code, JournalStep step)
    {
        if (step.IsEmpty)
        {
            return;
        }
        var values = new RedisValue[7 + step.Entries.Count];
        values[0] = step.Seats is null ? RedisValue.EmptyString : JsonSerializer.Serialize(step.Seats, BattleJson.Options);
        values[1] = step.Opening is null ? RedisValue.EmptyString : JsonSerializer.Serialize(step.Opening, BattleJson.Options);
        values[2] = Ticks(step.At);
        values[3] = step.FirstEntryNumber;
        values[4] = step.Activity is { } activity ? activity.ToUnixTimeMilliseconds() : RedisValue.EmptyString;
        values[5] = code;
        values[6] = step.Ended is null ? RedisValue.EmptyString : JsonSerializer.Serialize(step.Ended, BattleJson.Options);
        for (var i = 0; i < step.Entries.Count; i++)
        {
            values[7 + i] = JsonSerializer.Serialize(step.Entries[i], BattleJson.Options);
        }
        var written = (int)await Database.ScriptEvaluateAsync(WriteScript, [BattleKey(code), EntriesKey(code), CodesKey, ActivityKey, EndedKey], values);
        switch (written)
        {
            case -1:
                throw new InvalidOperationException($"Battle {code} was not reserved in the journal.");
            case -2:
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Battle {code}: entry {step.FirstEntryNumber} would leave a gap after the entries kept."));
            case -3:
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Battle {code}: entries from {step.FirstEntryNumber} differ from those kept: another copy of the battle wrote first."));
        }
    }

    /// <summary>Reads the battle's hash and entries in one transaction, so the two agree.</summary>
    public async Task<JournalRecord?> ReadAsync(string code)
    {
        var read = Database.CreateTransaction();
        var battleRead = read.HashGetAllAsync(BattleKey(code));
        var entriesRead = read.ListRangeAsync(EntriesKey(code));
        await read.ExecuteAsync();
        var battle = (await battleRead).ToDictionary(field => (string)field.Name!, field => field.Value, StringComparer.Ordinal);
        if (!battle.TryGetValue("request", out var request))
        {
            return null;
        }
        var entries = (await entriesRead).Select(entry => BattleJson.Read<LogbookEntry>((string)entry!)).ToArray();
        var opening = battle.GetValueOrDefault("opening");
        var ended = battle.GetValueOrDefault("ended");
        return new JournalRecord(code,
            BattleJson.Read<NewBattleRequest>((string)request!),
            BattleJson.Read<BattleSeats>((string)battle["seats"]!),
            opening.IsNullOrEmpty ? null : BattleJson.Read<LogbookOpening>((string)opening!),
            entries,
            FromTicks(battle["last_write"]),
            battle.TryGetValue("retained_until", out var retainedUntil) ? FromTicks(retainedUntil) : null)
        {
            Ended = ended.IsNullOrEmpty ? null : BattleJson.Read<BattleEndMark>((string)ended!),
        };
    }

    /// <summary>Reads the live codes and the end marks in one transaction, so the two agree.</summary>
    public async Task<IReadOnlyList<KeptBattle>> BattlesAsync()
    {
        var read = Database.CreateTransaction();
        var codesRead = read.SetMembersAsync(CodesKey);
        var endedRead = read.HashGetAllAsync(EndedKey);
        await read.ExecuteAsync();
        var ended = (await endedRead).ToDictionary(mark => (string)mark.Name!, mark => (string)mark.Value!, StringComparer.Ordinal);
        return (await codesRead)
            .Select(code => (string)code!)
            .Order(StringComparer.Ordinal)
            .Select(code => new KeptBattle(code, ended.TryGetValue(code, out var mark) ? BattleJson.Read<BattleEndMark>(mark) : null))
            .ToArray();
    }

    public async Task<IReadOnlyList<string>> InactiveSinceAsync(DateTimeOffset cutoff)
    {
        await FillActivityAsync();
        var inactive = (string[])(await Database.ScriptEvaluateAsync(InactiveScript, [ActivityKey, CodesKey], [cutoff.ToUnixTimeMilliseconds()]))!;
        Array.Sort(inactive, StringComparer.Ordinal);
        return inactive;
    }

    /// <summary>
    /// A journal written before the activity set was kept has live battles missing from it: each is added from its
    /// seats (or its last write, for one reserved and never opened), as the grain reads them, unless a write added it first.
    /// </summary>
    private async Task FillActivityAsync()
    {
        var database = Database;
        if (await database.SetLengthAsync(CodesKey) <= await database.SortedSetLengthAsync(ActivityKey))
        {
            return;
        }
        foreach (var code in await database.SetMembersAsync(CodesKey))
        {
            if (await database.SortedSetScoreAsync(ActivityKey, code) is not null
                || await database.HashGetAsync(BattleKey(code!), ["seats", "last_write"]) is not [{ IsNull: false } seats, { IsNull: false } lastWrite])
            {
                continue;
            }
            var activity = BattleJson.Read<BattleSeats>((string)seats!).LastActivity;
            var at = activity == DateTimeOffset.MinValue ? FromTicks(lastWrite) : activity;
            await database.SortedSetAddAsync(ActivityKey, code, at.ToUnixTimeMilliseconds(), SortedSetWhen.NotExists);
        }
    }

    public Task RemoveAsync(string code) =>
        Database.ScriptEvaluateAsync(RemoveScript, [BattleKey(code), EntriesKey(code), CodesKey, RetainedKey, ActivityKey, EndedKey], [code]);

    public Task RetainAsync(string code, DateTimeOffset until) =>
        Database.ScriptEvaluateAsync(RetainScript, [BattleKey(code), CodesKey, RetainedKey, ActivityKey, EndedKey], [code, Ticks(until), until.ToUnixTimeMilliseconds()]);

    public async Task<int> RemoveExpiredAsync(DateTimeOffset now)
    {
        var expired = await Database.SortedSetRangeByScoreAsync(RetainedKey, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        foreach (var code in expired)
        {
            await RemoveAsync((string)code!);
        }
        return expired.Length;
    }

    private static DateTimeOffset FromTicks(RedisValue ticks) => new(long.Parse((string)ticks!, CultureInfo.InvariantCulture), TimeSpan.Zero);

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString(CultureInfo.InvariantCulture);
}
