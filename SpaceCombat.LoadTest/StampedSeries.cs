using System.Diagnostics;

namespace SpaceCombat.LoadTest;

/// <summary>Values stamped with the Stopwatch time they were recorded, so a run can be cut into minutes; thread-safe.</summary>
public sealed class StampedSeries
{
    private readonly Lock _gate = new();
    private readonly List<long> _times = [];
    private readonly List<double> _values = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _values.Count;
            }
        }
    }

    /// <summary>When the first value was recorded; null while there is none.</summary>
    public long? FirstTimestamp
    {
        get
        {
            lock (_gate)
            {
                return _times.Count > 0 ? _times.Min() : null;
            }
        }
    }

    public void Add(double value) => Add(Stopwatch.GetTimestamp(), value);

    public void Add(long timestamp, double value)
    {
        lock (_gate)
        {
            _times.Add(timestamp);
            _values.Add(value);
        }
    }

    /// <summary>The values recorded from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public double[] Between(long from, long to)
    {
        var values = new List<double>();
        lock (_gate)
        {
            for (var i = 0; i < _times.Count; i++)
            {
                if (_times[i] >= from && _times[i] < to)
                {
                    values.Add(_values[i]);
                }
            }
        }
        return [.. values];
    }

    public double[] All()
    {
        lock (_gate)
        {
            return [.. _values];
        }
    }

    /// <summary>Every value with its timestamp, in the order recorded.</summary>
    public (long At, double Value)[] Points()
    {
        lock (_gate)
        {
            var points = new (long, double)[_values.Count];
            for (var i = 0; i < points.Length; i++)
            {
                points[i] = (_times[i], _values[i]);
            }
            return points;
        }
    }
}
