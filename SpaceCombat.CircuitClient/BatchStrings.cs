using System.Collections.Concurrent;
using System.Text;

namespace SpaceCombat.CircuitClient;

/// <summary>
/// The strings of render batches, decoded once for all circuits of the process. Every batch carries its own string
/// table, and most of it repeats across batches and circuits (element and attribute names, classes, labels, numbers),
/// so decoding every table afresh would make strings one of the generator's largest allocations. Only short strings
/// are kept, and only up to a bound, so unique texts (log lines) cannot grow it.
/// </summary>
public static class BatchStrings
{
    public const int MaxCachedLength = 64;
    public const int MaxEntries = 16_384;

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _entries;

    /// <summary>The string of the UTF-8 bytes: a cached instance when one is known.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxCachedLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }
        // UTF-8 never decodes to more chars than it has bytes.
        Span<char> chars = stackalloc char[MaxCachedLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return Get(chars[..length]);
    }

    /// <summary>The string of the characters: a cached instance when one is known.</summary>
    public static string Get(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
        {
            return string.Empty;
        }
        if (Lookup.TryGetValue(chars, out var cached))
        {
            return cached;
        }
        var text = new string(chars);
        if (chars.Length <= MaxCachedLength && Volatile.Read(ref _entries) < MaxEntries && Cache.TryAdd(text, text))
        {
            Interlocked.Increment(ref _entries);
        }
        return text;
    }
}
