using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SpaceCombat.LoadTest;

/// <summary>
/// Lowers the load generator's CPU priority below the server's when both share one machine. Real players' browsers run
/// elsewhere; here the generator's simulated players compete with the server for the same cores, and while the
/// server's GC threads work (its other threads stopped) every core the generator takes lengthens the pause it measures.
/// On Linux niceness is per thread, so every thread of the process is re-niced; threads created later inherit it.
/// </summary>
internal static class GeneratorPriority
{
    private const int PrioProcess = 0;

    /// <summary>Applies <paramref name="nice"/> (0–19) to this process; returns a description for the report.</summary>
    public static string Lower(int nice)
    {
        if (nice == 0)
        {
            return "same priority as the server (--generator-nice 0)";
        }
        if (OperatingSystem.IsLinux())
        {
            var failed = 0;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (int.TryParse(Path.GetFileName(task), out var threadId) && SetPriority(PrioProcess, threadId, nice) != 0)
                {
                    failed++;
                }
            }
            return failed == 0 ? $"nice {nice} (the server at its own priority)" : $"nice {nice} requested, refused for {failed} thread(s)";
        }
        Process.GetCurrentProcess().PriorityClass = ProcessPriorityClass.BelowNormal;
        return "below normal (the server at its own priority)";
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
