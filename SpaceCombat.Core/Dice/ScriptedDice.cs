namespace SpaceCombat.Core.Dice;

/// <summary>Dice for tests: returns the given faces in order and fails loudly when a face is out of range or the script runs out.</summary>
public sealed class ScriptedDice : IDice
{
    private readonly Queue<int> _faces;

    public ScriptedDice(params IEnumerable<int> faces) => _faces = new Queue<int>(faces);

    public int Remaining => _faces.Count;

    public void Add(params IEnumerable<int> faces)
    {
        foreach (var face in faces)
        {
            _faces.Enqueue(face);
        }
    }

    public int Roll(int sides)
    {
        if (!_faces.TryDequeue(out var face))
        {
            throw new InvalidOperationException($"The dice script ran out: a d{sides} was rolled with no face left.");
        }
        if (face < 1 || face > sides)
        {
            throw new InvalidOperationException($"The dice script gave {face} for a d{sides}.");
        }
        return face;
    }
}
