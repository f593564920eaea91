using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// Names an event of a live log by its round and its place in that round, and gives each name one key object for the
/// whole server. The live log drops only whole rounds from its start, so an event's name never changes while it is
/// shown. Components that remember or key their lines by name instead of by the event keep no reference to a new
/// event: an event is young for its first collections, and each reference to it from a circuit's long-lived fields or
/// render buffers is a card every young-generation collection scans (the combat log's keys were a tenth of them).
/// </summary>
public static class LogLineIds
{
    private const int PlaceBits = 16;
    private const int CachedRounds = 256;
    private const int CachedPlaces = 128;

    private static readonly object?[]?[] Keys = new object?[]?[CachedRounds];

    /// <summary>The name of <paramref name="log"/>[<paramref name="index"/>]: its round and its place among that round's events.</summary>
    public static int IdAt(IReadOnlyList<BattleEvent> log, int index) => Id(log[index].Round, index - RoundStart(log, index));

    /// <summary>The name of the event at <paramref name="place"/> (from 0) among <paramref name="round"/>'s events.</summary>
    // A round has a few dozen events (two turns of a few actions each), far below 2^16.
    public static int Id(int round, int place) => (round << PlaceBits) | place;

    /// <summary>The index of the first event of the round that <paramref name="log"/>[<paramref name="index"/>] belongs to.</summary>
    public static int RoundStart(IReadOnlyList<BattleEvent> log, int index)
    {
        var round = log[index].Round;
        var start = index;
        while (start > 0 && log[start - 1].Round == round)
        {
            start--;
        }
        return start;
    }

    /// <summary>The name of the log's newest event, or -1 for an empty log.</summary>
    public static int NewestId(IReadOnlyList<BattleEvent> log) => log.Count == 0 ? -1 : IdAt(log, log.Count - 1);

    /// <summary>
    /// The key for a name: the same object every time for the rounds and places a battle reaches (its round limit is
    /// 200), so that it is old by the time a render buffer refers to it; a boxed number past them.
    /// </summary>
    public static object Key(int id)
    {
        var round = id >> PlaceBits;
        var place = id & ((1 << PlaceBits) - 1);
        if ((uint)round >= CachedRounds || place >= CachedPlaces)
        {
            return id;
        }
        var places = Volatile.Read(ref Keys[round]);
        if (places is null)
        {
            Interlocked.CompareExchange(ref Keys[round], new object?[CachedPlaces], null);
            places = Keys[round]!;
        }
        // Two threads may box the same name at once: keys are compared by value, so either box serves.
        return places[place] ??= id;
    }
}
