using System.Collections.Concurrent;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Texts kept once per server by their content, up to <see cref="Capacity"/>; past it a text is its caller's own.
/// Thread-safe. A circuit's render buffers and fields outlive many collections, so a text they refer to should be old:
/// a new string referred to from them is a card every young-generation collection scans until the string is promoted
/// twice, and then garbage in the oldest generation once the circuit moves on. A text many circuits show (the same
/// roll, the same hull change) is found here instead, made long before.
/// </summary>
/// <remarks>
/// Counted apart from the dictionary: <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every one of its
/// locks. The count may pass the capacity by as many texts as threads add at once.
/// </remarks>
public sealed class SharedTexts
{
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byContent;
    private int _count;

    public SharedTexts(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _byContent = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The most texts kept.</summary>
    public int Capacity { get; }

    /// <summary>The text kept with this content: found without making a string, or made now and kept if there is room.</summary>
    public string Share(ReadOnlySpan<char> text)
    {
        if (_byContent.TryGetValue(text, out var kept))
        {
            return kept;
        }
        var made = text.ToString();
        if (Volatile.Read(ref _count) >= Capacity)
        {
            return made;
        }
        if (_texts.TryAdd(made, made))
        {
            Interlocked.Increment(ref _count);
            return made;
        }
        return _texts.TryGetValue(made, out kept) ? kept : made;
    }
}
