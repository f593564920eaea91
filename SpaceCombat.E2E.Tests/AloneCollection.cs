namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Tests that read process-wide figures (an app's /metrics sees every host's meters in this process; the managed heap
/// is the process's) or load the machine run alone, after the parallel tests, so that no other test's circuits count in
/// their figures or starve their clients.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
