using System.Runtime.CompilerServices;
using Bunit;

namespace SpaceCombat.Web.Tests;

/// <summary>
/// bUnit's "wait for" helpers give up after 1 second by default. The suite runs its test assemblies in parallel
/// (Chromium included) on two cores, where a render the component schedules off the test's thread can take longer;
/// a wait ends as soon as its condition holds, so a longer ceiling costs passing tests nothing.
/// </summary>
internal static class BunitWaitTimeout
{
    [ModuleInitializer]
    internal static void LengthenForSharedMachines() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
