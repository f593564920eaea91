using System.Runtime;

namespace SpaceCombat.Web.Operations.WarmUp;

/// <summary>
/// Waits for the JIT to go quiet: the runtime compiles hot methods again, optimised, on a background thread after they
/// have been called some thirty times, and after a burst of practice that queue takes seconds to drain. A warm-up that
/// reports ready before it has drained leaves the compiling to the first crowd's minute.
/// </summary>
public sealed class CompilerQuiet(TimeProvider time, Func<long> compiledMethods)
{
    /// <summary>How often the compiled-method count is read.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The span over which the count must stay nearly still.</summary>
    public static readonly TimeSpan QuietSpan = TimeSpan.FromSeconds(1);

    /// <summary>Fewer methods than this compiled over <see cref="QuietSpan"/> is quiet (an idle server still compiles a few).</summary>
    public const int QuietMethods = 100;

    /// <summary>The longest one wait takes: a server that never goes quiet still finishes its warm-up.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(15);

    /// <summary>The process's own JIT, counted on every thread.</summary>
    public static CompilerQuiet ForThisProcess(TimeProvider time) => new(time, () => JitInfo.GetCompiledMethodCount(currentThread: false));

    /// <summary>Returns once fewer than <see cref="QuietMethods"/> methods were compiled over the last <see cref="QuietSpan"/>, or after <see cref="MaxWait"/>; true when quiet.</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        var samplesPerSpan = (int)(QuietSpan / SampleInterval);
        var counts = new Queue<long>(samplesPerSpan + 1);
        counts.Enqueue(compiledMethods());
        using var sampling = new PeriodicTimer(SampleInterval, time);
        for (var sample = 1; sample * SampleInterval <= MaxWait; sample++)
        {
            await sampling.WaitForNextTickAsync(cancellationToken);
            var count = compiledMethods();
            counts.Enqueue(count);
            if (counts.Count > samplesPerSpan && count - counts.Dequeue() < QuietMethods)
            {
                return true;
            }
        }
        return false;
    }
}
