using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Who is at each seat: leases that each web server holding the seat's pages renews, and that run out when it stops
/// (a crash), so a seat whose pages vanished without a word still starts its reconnect grace. A seat is held while
/// it has any unexpired lease.
/// </summary>
public sealed class SeatLeases
{
    private readonly Dictionary<string, DateTimeOffset>[] _leases = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];

    public bool IsHeld(Side side) => _leases[Index(side)].Count > 0;

    /// <summary>Grants or renews <paramref name="holder"/>'s lease on the seat; true when the seat was empty.</summary>
    public bool Grant(Side side, string holder, DateTimeOffset until)
    {
        var leases = _leases[Index(side)];
        var wasEmpty = leases.Count == 0;
        leases[holder] = until;
        return wasEmpty;
    }

    /// <summary>Ends <paramref name="holder"/>'s lease; true when that left the seat empty.</summary>
    public bool Release(Side side, string holder)
    {
        var leases = _leases[Index(side)];
        return leases.Remove(holder) && leases.Count == 0;
    }

    /// <summary>Drops every lease run out by <paramref name="now"/>; the seats that this left empty.</summary>
    public IReadOnlyList<Side> Expire(DateTimeOffset now)
    {
        List<Side>? emptied = null;
        foreach (var side in (ReadOnlySpan<Side>)[Side.One, Side.Two])
        {
            var leases = _leases[Index(side)];
            if (leases.Count == 0)
            {
                continue;
            }
            foreach (var (holder, until) in leases.ToArray())
            {
                if (until <= now)
                {
                    leases.Remove(holder);
                }
            }
            if (leases.Count == 0)
            {
                (emptied ??= []).Add(side);
            }
        }
        return emptied ?? [];
    }

    /// <summary>When the next lease runs out, or null when none is held.</summary>
    public DateTimeOffset? NextExpiry()
    {
        DateTimeOffset? next = null;
        foreach (var leases in _leases)
        {
            foreach (var until in leases.Values)
            {
                next = next is null || until < next ? until : next;
            }
        }
        return next;
    }

    private static int Index(Side side) => side == Side.One ? 0 : 1;
}
