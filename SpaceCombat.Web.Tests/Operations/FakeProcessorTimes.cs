using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>Processor times a test sets: two processors, idle until a test runs them.</summary>
internal sealed class FakeProcessorTimes : IProcessorTimesSource
{
    private const int Processors = 2;

    private ProcessorTimes _machine = new(TimeSpan.Zero, TimeSpan.Zero);
    private ProcessorTimes _process = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>False: the platform gives no machine-wide times.</summary>
    public bool HasMachine { get; set; } = true;

    public ProcessorTimes? ReadMachine() => HasMachine ? _machine : null;

    public ProcessorTimes ReadProcess() => _process;

    /// <summary>The machine's processors run <paramref name="busy"/> of <paramref name="elapsed"/>; the process's idle.</summary>
    public void RunMachine(double busy, TimeSpan elapsed)
    {
        var total = elapsed * Processors;
        _machine = new(_machine.Busy + total * busy, _machine.Total + total);
        _process = _process with { Total = _process.Total + total };
    }

    /// <summary>This process runs <paramref name="busy"/> of the processors it may use; the machine as busy as it.</summary>
    public void RunProcess(double busy, TimeSpan elapsed)
    {
        var total = elapsed * Processors;
        _process = new(_process.Busy + total * busy, _process.Total + total);
        _machine = new(_machine.Busy + total * busy, _machine.Total + total);
    }
}
