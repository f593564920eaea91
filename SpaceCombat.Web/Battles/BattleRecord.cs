using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Logbook;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// A battle's whole record: its logbook's opening and every accepted command with the dice faces it rolled. Unlike
/// the live view's log (the latest <c>CombatHistoryLimit</c> rounds), it holds the battle from its first roll.
/// </summary>
public sealed record BattleRecord(LogbookOpening Opening, IReadOnlyList<LogbookEntry> Entries)
{
    /// <summary>
    /// Every event of the battle, oldest first, replayed through the engine from the record (so it is the battle's
    /// own account, complete, whatever the live view kept). A record the engine does not replay exactly throws
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    public IReadOnlyList<BattleEvent> Events()
    {
        var events = new List<BattleEvent>();
        // The replay rolls nothing of its own: every face comes from the record, so the live dice are an empty script.
        BattleLogbook.Restore(Opening, Entries, new ScriptedDice(), events.Add);
        return events;
    }
}
