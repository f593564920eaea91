using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Texts that read the same in many battles (log lines, announcements, a HUD part's markup), made once per server and
/// handed out to every viewer, up to <see cref="Capacity"/> texts; past it a text is its caller's own. Thread-safe.
/// </summary>
/// <remarks>
/// Counted apart from the dictionary: <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every one of its
/// locks, and a full cache would take them at each line it cannot keep. The count may pass the capacity by as many
/// lines as threads add at once.
/// </remarks>
internal sealed class SharedLines<TKey>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, string> _lines = new();
    private int _count;

    /// <summary>The most lines kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");

    /// <summary>The line kept for <paramref name="key"/>, if there is one.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out string text) => _lines.TryGetValue(key, out text);

    /// <summary>The line kept for <paramref name="key"/>: <paramref name="text"/>, kept now if there is room, or the one kept before.</summary>
    public string Share(TKey key, string text)
    {
        if (Volatile.Read(ref _count) >= Capacity)
        {
            return _lines.TryGetValue(key, out var kept) ? kept : text;
        }
        if (_lines.TryAdd(key, text))
        {
            Interlocked.Increment(ref _count);
            return text;
        }
        return _lines.TryGetValue(key, out var shared) ? shared : text;
    }
}
