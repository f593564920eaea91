using System.Text.Json.Serialization;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;

namespace SpaceCombat.Core.Logbook;

/// <summary>
/// One accepted command as the logbook keeps it: the command, the dice faces it consumed in roll order, and for an AI
/// captain's command what the captain remembered once it had decided it.
/// </summary>
public sealed record LogbookEntry(
    BattleCommand Command,
    IReadOnlyList<int> Faces,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CaptainMemory? Captain = null);
