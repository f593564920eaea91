using System.Diagnostics;

namespace SpaceCombat.Web.Operations;

/// <summary>Processor time spent so far: <see cref="Busy"/> of <see cref="Total"/> (both summed over every processor).</summary>
public readonly record struct ProcessorTimes(TimeSpan Busy, TimeSpan Total);

/// <summary>Reads how busy the processors have been, for <see cref="ServerLoad"/>; faked in tests.</summary>
public interface IProcessorTimesSource
{
    /// <summary>The machine's processors since boot (null where the platform does not say).</summary>
    ProcessorTimes? ReadMachine();

    /// <summary>This process's processor time against the wall-clock time of the processors it may use.</summary>
    ProcessorTimes ReadProcess();
}

/// <summary>
/// The machine's times from Linux's <c>/proc/stat</c> (its first line, every processor summed; idle and I/O wait are
/// not busy), the process's from the runtime. Reads without allocating: it runs twenty times a second.
/// </summary>
public sealed class SystemProcessorTimes : IProcessorTimesSource
{
    private const string StatPath = "/proc/stat";
    private const int MaxDigits = 12;

    private readonly bool _hasStat = OperatingSystem.IsLinux() && File.Exists(StatPath);
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly double _tickLength = 1.0 / 100; // USER_HZ: 100 on every Linux architecture .NET runs on.

    public ProcessorTimes? ReadMachine()
    {
        if (!_hasStat)
        {
            return null;
        }
        Span<byte> buffer = stackalloc byte[256];
        int read;
        try
        {
            using var handle = File.OpenHandle(StatPath);
            read = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        return ParseStatLine(buffer[..read], _tickLength);
    }

    public ProcessorTimes ReadProcess() => new(
        Environment.CpuUsage.TotalTime,
        Stopwatch.GetElapsedTime(_started) * Environment.ProcessorCount);

    /// <summary>
    /// Parses <c>cpu  user nice system idle iowait irq softirq steal …</c> (ticks); null if the text is not such a line.
    /// </summary>
    public static ProcessorTimes? ParseStatLine(ReadOnlySpan<byte> text, double secondsPerTick)
    {
        if (!text.StartsWith("cpu "u8))
        {
            return null;
        }
        Span<long> fields = stackalloc long[8];
        var count = 0;
        var position = 3;
        while (count < fields.Length)
        {
            while (position < text.Length && text[position] == (byte)' ')
            {
                position++;
            }
            if (position >= text.Length || !char.IsAsciiDigit((char)text[position]))
            {
                break;
            }
            long value = 0;
            var digits = 0;
            while (position < text.Length && char.IsAsciiDigit((char)text[position]))
            {
                // No counter of a real machine has this many ticks (10^12 is 300 years of one processor): the line is
                // garbled, and the probe that reads it runs on a timer, where a throw would end the process.
                if (++digits > MaxDigits)
                {
                    return null;
                }
                value = value * 10 + (text[position] - (byte)'0');
                position++;
            }
            fields[count++] = value;
        }
        if (count < 5)
        {
            return null;
        }
        long total = 0;
        foreach (var field in fields[..count])
        {
            total += field;
        }
        var idle = fields[3] + fields[4];
        return new ProcessorTimes(
            TimeSpan.FromSeconds((total - idle) * secondsPerTick),
            TimeSpan.FromSeconds(total * secondsPerTick));
    }
}
