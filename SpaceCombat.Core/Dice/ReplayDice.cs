namespace SpaceCombat.Core.Dice;

/// <summary>
/// Dice that give back recorded faces while a logged command is replayed, and roll the live dice otherwise. A replay
/// that asks for a die the record does not hold, a face the die cannot show, or leaves recorded faces unused has
/// drifted from what happened: it throws <see cref="InvalidDataException"/> rather than make up a face.
/// Not thread-safe, like the battle that rolls it.
/// </summary>
public sealed class ReplayDice(IDice live) : IDice
{
    private IReadOnlyList<int> _faces = [];
    private int _next;

    public bool Replaying { get; private set; }

    /// <summary>Recorded faces not yet given back in the current replay.</summary>
    public int Remaining => _faces.Count - _next;

    /// <summary>Starts replaying these faces, in order: until <see cref="EndReplay"/> no live die is rolled.</summary>
    public void Replay(IReadOnlyList<int> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        if (Replaying)
        {
            throw new InvalidOperationException("A replay is already under way: end it before starting the next.");
        }
        _faces = faces;
        _next = 0;
        Replaying = true;
    }

    /// <summary>Ends the replay, which must have used every recorded face; rolls are live again.</summary>
    public void EndReplay()
    {
        if (!Replaying)
        {
            throw new InvalidOperationException("No replay is under way.");
        }
        var left = Remaining;
        Replaying = false;
        _faces = [];
        _next = 0;
        if (left > 0)
        {
            throw new InvalidDataException($"The replay left {left} recorded {(left == 1 ? "face" : "faces")} unrolled.");
        }
    }

    public int Roll(int sides)
    {
        if (!Replaying)
        {
            return live.Roll(sides);
        }
        if (_next >= _faces.Count)
        {
            throw new InvalidDataException($"The replay rolled a d{sides} after all {_faces.Count} recorded faces were used.");
        }
        var face = _faces[_next++];
        if (face < 1 || face > sides)
        {
            throw new InvalidDataException($"The recorded face {face} cannot come from a d{sides}.");
        }
        return face;
    }
}
