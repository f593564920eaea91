namespace SpaceCombat.Core.Dice;

/// <summary>
/// Rolls through other dice and writes down every face, so a battle's logbook can store the faces each command
/// consumed and replay them later (<see cref="ReplayDice"/>). Not thread-safe, like the battle that rolls it.
/// </summary>
public sealed class RecordingDice(IDice inner) : IDice
{
    private readonly List<int> _faces = [];

    /// <summary>Faces rolled since the last <see cref="TakeFaces"/>.</summary>
    public int Pending => _faces.Count;

    public int Roll(int sides)
    {
        var face = inner.Roll(sides);
        _faces.Add(face);
        return face;
    }

    /// <summary>The faces rolled since the last call, in roll order; the record starts empty again.</summary>
    public int[] TakeFaces()
    {
        if (_faces.Count == 0)
        {
            return [];
        }
        var faces = _faces.ToArray();
        _faces.Clear();
        return faces;
    }
}
