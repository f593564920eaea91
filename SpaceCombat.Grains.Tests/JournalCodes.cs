using SpaceCombat.Web.Battles.Journal;

namespace SpaceCombat.Grains.Tests;

/// <summary>The codes of a journal's live battles, for tests that only ask which battles it keeps.</summary>
internal static class JournalCodes
{
    public static async Task<IReadOnlyList<string>> CodesAsync(this IBattleJournal journal) =>
        (await journal.BattlesAsync()).Select(battle => battle.Code).ToArray();
}
