using System.Collections.Concurrent;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Texts kept once per server by their content, up to <see cref="Capacity"/>; past it a text is its caller's own.
/// Thread-safe. A circuit's render buffers and fields outlive many collections, so a text they refer to should be old:
/// a new string referred to from them is a card every young-generation collection scans until the string is promoted
/// twice, and then garbage in the oldest generation once the circuit moves on. A text many circuits show (the same
/// line in another battle with the same ships) is found here instead, made long before.
/// </summary>
/// <remarks>
/// Counted apart from the dictionary: <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every one of its
/// locks. The count may pass the capacity by as many texts as threads add at once.
/// </remarks>
public sealed class SharedTexts
{
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private int _count;

    public SharedTexts(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>The most texts kept.</summary>
    public int Capacity { get; }

    /// <summary>The text kept with this content, or <paramref name="text"/> itself: kept now if there is room.</summary>
    public string Share(string text)
    {
        if (_texts.TryGetValue(text, out var kept))
        {
            return kept;
        }
        if (Volatile.Read(ref _count) >= Capacity)
        {
            return text;
        }
        if (_texts.TryAdd(text, text))
        {
            Interlocked.Increment(ref _count);
            return text;
        }
        return _texts.TryGetValue(text, out kept) ? kept : text;
    }
}
