namespace SpaceCombat.Web.Tests.Operations;

/// <summary>
/// Test classes that start the real application host run one at a time: WebApplicationFactory intercepts the
/// minimal-hosting Program's host through a process-wide diagnostic listener, so hosts built at the same moment can
/// swap their test configuration (a test then writes its logs into another test's folder).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApplicationHostCollection
{
    public const string Name = "Application hosts";
}
