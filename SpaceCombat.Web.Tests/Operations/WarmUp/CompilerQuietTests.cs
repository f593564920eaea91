using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations.WarmUp;

namespace SpaceCombat.Web.Tests.Operations.WarmUp;

/// <summary>
/// The wait for the JIT to go quiet, on a fake clock with a scripted count of compiled methods: each step advances the
/// clock by one sample interval and waits until the wait has read the count for it.
/// </summary>
public sealed class CompilerQuietTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly SemaphoreSlim _reads = new(0);
    private readonly DateTimeOffset _start;
    private Func<TimeSpan, long> _compiledBy = _ => 0;

    public CompilerQuietTests() => _start = _time.GetUtcNow();

    private CompilerQuiet Quiet() => new(_time, () =>
    {
        var count = _compiledBy(_time.GetUtcNow() - _start);
        _reads.Release();
        return count;
    });

    /// <summary>Starts a wait and waits for its first read.</summary>
    private async Task<Task<bool>> StartWaitAsync(CancellationToken cancellationToken = default)
    {
        var waiting = Quiet().WaitAsync(cancellationToken);
        Assert.True(await _reads.WaitAsync(Patience), "the wait did not read the count as it started");
        return waiting;
    }

    /// <summary>Advances one sample interval at a time, each time waiting for the read it causes.</summary>
    private async Task StepAsync(int steps = 1)
    {
        for (var step = 0; step < steps; step++)
        {
            _time.Advance(CompilerQuiet.SampleInterval);
            Assert.True(await _reads.WaitAsync(Patience), "the wait did not read the count after its sample interval");
        }
    }

    [Fact]
    public async Task The_wait_ends_once_fewer_than_the_quiet_count_were_compiled_over_the_last_second()
    {
        // 800 methods a second for two seconds (a drained queue), then 20 a second (an idle server's trickle).
        _compiledBy = elapsed => (long)(800 * Math.Min(elapsed.TotalSeconds, 2) + 20 * Math.Max(elapsed.TotalSeconds - 2, 0));
        var waiting = await StartWaitAsync();

        // At 2.75 s the last second still holds 0.25 s of the burst: 200 + 15 methods.
        await StepAsync(11);
        Assert.False(waiting.IsCompleted);

        await StepAsync();
        Assert.True(await waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_JIT_that_never_goes_quiet_ends_the_wait_at_its_longest()
    {
        _compiledBy = elapsed => (long)(150 * elapsed.TotalSeconds);
        var waiting = await StartWaitAsync();
        var samples = (int)(CompilerQuiet.MaxWait / CompilerQuiet.SampleInterval);

        await StepAsync(samples - 1);
        Assert.False(waiting.IsCompleted);

        await StepAsync();
        Assert.False(await waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_wait_cancelled_throws_and_reads_no_more()
    {
        _compiledBy = elapsed => (long)(1_000 * elapsed.TotalSeconds);
        using var cancel = new CancellationTokenSource();
        var waiting = await StartWaitAsync(cancel.Token);
        await StepAsync();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        _time.Advance(CompilerQuiet.SampleInterval);
        Assert.Equal(0, _reads.CurrentCount);
    }

    [Theory]
    [InlineData(8, 0, 0, 4)]
    [InlineData(8, 1, 4, 4)]
    [InlineData(5, 0, 0, 3)]
    [InlineData(5, 1, 3, 2)]
    [InlineData(1, 0, 0, 1)]
    [InlineData(1, 1, 1, 0)]
    public void The_passes_share_the_battles_and_pages_the_earlier_pass_taking_the_odd_one(int total, int pass, int first, int count) =>
        Assert.Equal((first, count), ServerWarmUp.PassShare(total, pass));

    [Fact]
    public void The_passes_together_play_every_battle_and_page_once()
    {
        foreach (var total in new[] { 0, 1, 2, 7, 8, 48, 1_000 })
        {
            var indices = Enumerable.Range(0, ServerWarmUp.Passes)
                .Select(pass => ServerWarmUp.PassShare(total, pass))
                .SelectMany(share => Enumerable.Range(share.First, share.Count));
            Assert.Equal(Enumerable.Range(0, total), indices);
        }
    }
}
