namespace SpaceCombat.Web.Tests.Operations;

/// <summary>
/// Reads a test host's log files. The file sink sits behind an async writer that the factory's disposal does not
/// wait for, so a test waits (bounded) for the line it expects instead of reading once.
/// </summary>
internal static class ClefFiles
{
    public static IEnumerable<string> Lines(string directory) =>
        Directory.GetFiles(directory, "spacecombat-*.clef").SelectMany(ReadShared);

    /// <summary>Waits up to <paramref name="timeout"/> for a line containing <paramref name="text"/>.</summary>
    public static async Task WaitForLineAsync(string directory, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Lines(directory).Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no log line with '{text}' was written");
            await Task.Delay(50);
        }
    }

    private static IEnumerable<string> ReadShared(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            // Rolled away (deleted) between listing and reading.
            return [];
        }
    }
}
