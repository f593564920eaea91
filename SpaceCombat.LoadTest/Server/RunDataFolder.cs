namespace SpaceCombat.LoadTest.Server;

/// <summary>
/// A temporary folder for one server run's battles and Data Protection keys, so a run never revives the battles of an
/// earlier run (the app keeps them under its content root by default) and a restart within the run still reads its
/// own battles and seat tokens. Deleted when the run ends.
/// </summary>
public sealed class RunDataFolder : IDisposable
{
    public const string DataDirectoryKey = "SpaceCombat__DataDirectory";
    public const string KeysDirectoryKey = "SpaceCombat__DataProtectionKeysDirectory";

    private RunDataFolder(string path) => Path = path;

    public string Path { get; }

    public static RunDataFolder Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"spacecombat-loadtest-run-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new RunDataFolder(path);
    }

    /// <summary>Whether the caller's --server-env already names the data folder (then the run uses theirs).</summary>
    public static bool IsNamedIn(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return ValueOf(environment, DataDirectoryKey) is not null;
    }

    /// <summary>The value the environment gives <paramref name="wanted"/>, however the key is spelt; null when none.</summary>
    public static string? ValueOf(IReadOnlyDictionary<string, string> environment, string wanted)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.FirstOrDefault(pair => IsKey(pair.Key, wanted)).Value;
    }

    // Configuration keys are case-insensitive, and ':' is the same separator as '__'.
    private static bool IsKey(string key, string wanted) =>
        string.Equals(key.Replace(":", "__", StringComparison.Ordinal), wanted, StringComparison.OrdinalIgnoreCase);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
