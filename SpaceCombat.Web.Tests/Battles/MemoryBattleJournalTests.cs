using SpaceCombat.Web.Battles.Journal;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>The journal contract in this process's memory: it keeps nothing past the process, so "reopened" is the same journal.</summary>
public sealed class MemoryBattleJournalTests : BattleJournalContract
{
    private readonly MemoryBattleJournal _journal = new();

    protected override IBattleJournal OpenJournal() => _journal;

    protected override void CloseJournal(IBattleJournal journal)
    {
    }
}
