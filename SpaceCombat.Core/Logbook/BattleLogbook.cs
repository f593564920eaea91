using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;

namespace SpaceCombat.Core.Logbook;

/// <summary>
/// A battle and its logbook kept in step. Every accepted command is written down with the dice faces it consumed
/// (and an AI captain's command with the captain's memory), so replaying the opening and the entries through the
/// engine rebuilds everything the battle holds: ships, turrets, criticals, the thrust pool, salvos with their hidden
/// checks, ids, and the captains' memory (and, through <see cref="Restore"/>, every event again for the log). Store
/// <see cref="Opening"/> once, and the entries from
/// <see cref="TakeNewEntries"/> before anyone is shown their result (write-ahead).
/// Not thread-safe: one writer at a time, as for <see cref="Battle"/>.
/// </summary>
public sealed class BattleLogbook
{
    private readonly Battle _battle;
    private readonly RecordingDice _recording;
    private readonly AiCaptain?[] _captains;
    private List<LogbookEntry> _newEntries = [];

    private BattleLogbook(LogbookOpening opening, Battle battle, RecordingDice recording, AiCaptain?[] captains, int entries)
    {
        Opening = opening;
        _battle = battle;
        _recording = recording;
        _captains = captains;
        EntryCount = entries;
    }

    public LogbookOpening Opening { get; }

    /// <summary>Accepted commands written down so far, the restored ones included.</summary>
    public int EntryCount { get; private set; }

    public BattleSnapshot Snapshot => _battle.Snapshot;

    public IReadOnlyList<BattleEvent> StartEvents => _battle.StartEvents;

    /// <summary>The memory of the captain commanding <paramref name="side"/>, or null when a person commands it.</summary>
    public CaptainMemory? MemoryOf(Side side) => CaptainOf(side)?.Memory;

    /// <summary>Starts a battle; an AI captain commands each of <paramref name="aiSides"/> (see <see cref="PlayAiTurn"/>).</summary>
    public static BattleLogbook Start(BattleSetup setup, IDice dice, params IReadOnlyList<Side> aiSides)
    {
        ArgumentNullException.ThrowIfNull(dice);
        ArgumentNullException.ThrowIfNull(aiSides);
        var opening = new LogbookOpening(LogbookOpening.CurrentFormat, setup, [], [.. aiSides]);
        if (opening.Validate() is { } problem)
        {
            throw new ArgumentException(problem);
        }
        var recording = new RecordingDice(dice);
        var battle = Battle.Start(setup, recording);
        opening = opening with { StartFaces = recording.TakeFaces() };
        return new BattleLogbook(opening, battle, recording, NewCaptains(opening.AiSides), entries: 0);
    }

    /// <summary>
    /// Rebuilds a battle by replaying its logbook, then rolls <paramref name="dice"/> for what follows. A logbook the
    /// engine does not replay exactly (a command refused, faces missing, left over or impossible) throws
    /// <see cref="InvalidDataException"/> naming the entry.
    /// </summary>
    /// <param name="onEvent">Every event of the replayed battle, in order, the start events included (e.g. for a full log).</param>
    public static BattleLogbook Restore(LogbookOpening opening, IEnumerable<LogbookEntry> entries, IDice dice, Action<BattleEvent>? onEvent = null)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(dice);
        if (opening.Validate() is { } problem)
        {
            throw new InvalidDataException(problem);
        }
        var recording = new RecordingDice(dice);
        var replay = new ReplayDice(recording);
        replay.Replay(opening.StartFaces);
        Battle battle;
        try
        {
            battle = Battle.Start(opening.Setup, replay);
            replay.EndReplay();
        }
        catch (InvalidDataException drift)
        {
            throw new InvalidDataException($"The battle's start does not replay: {drift.Message}", drift);
        }
        Tell(onEvent, battle.StartEvents);

        var captains = NewCaptains(opening.AiSides);
        var memories = new CaptainMemory?[2];
        var number = 0;
        foreach (var entry in entries)
        {
            number++;
            if (entry?.Command is null || entry.Faces is null)
            {
                throw new InvalidDataException($"Logbook entry {number} has no command or no faces.");
            }
            CommandResult result;
            try
            {
                result = ReplayEntry(battle, replay, entry, captains);
            }
            catch (InvalidDataException entryProblem)
            {
                throw new InvalidDataException($"Logbook entry {number} ({entry.Command.Kind} by side {entry.Command.Side}) {entryProblem.Message}", entryProblem);
            }
            if (entry.Captain is { } memory)
            {
                memories[Index(memory.Side)] = memory;
            }
            Tell(onEvent, result.Events);
        }
        foreach (var memory in memories)
        {
            if (memory is not null)
            {
                captains[Index(memory.Side)] = AiCaptain.Recall(memory);
            }
        }
        return new BattleLogbook(opening, battle, recording, captains, number);
    }

    /// <summary>Runs a person's command (or the host's: a turn timer, a forfeit, an abandon) and writes it down if accepted.</summary>
    public CommandResult Execute(BattleCommand command) => Write(command, captain: null);

    /// <summary>
    /// When the side to act is commanded by an AI captain, lets it play its turn, writing down each command it gives.
    /// Call after every accepted command and after a restore. Returns whether the captain gave any accepted command.
    /// </summary>
    public bool PlayAiTurn(Action<BattleCommand, CommandResult>? onCommand = null)
    {
        if (_battle.ActiveSide is not { } side || CaptainOf(side) is not { } captain)
        {
            return false;
        }
        return captain.PlayTurn(_battle, command => Write(command, captain), onCommand);
    }

    /// <summary>The entries written since the last call, oldest first: store them before showing their results.</summary>
    public IReadOnlyList<LogbookEntry> TakeNewEntries()
    {
        if (_newEntries.Count == 0)
        {
            return [];
        }
        var taken = _newEntries;
        _newEntries = [];
        return taken;
    }

    private CommandResult Write(BattleCommand command, AiCaptain? captain)
    {
        var result = _battle.Execute(command);
        // A refused command rolls nothing; the take only keeps the record clean for the next command.
        var faces = _recording.TakeFaces();
        if (result.Accepted)
        {
            _newEntries.Add(new LogbookEntry(command, faces, captain?.Memory));
            EntryCount++;
        }
        return result;
    }

    private AiCaptain? CaptainOf(Side side) => Enum.IsDefined(side) ? _captains[Index(side)] : null;

    private static int Index(Side side) => side == Side.One ? 0 : 1;

    private static AiCaptain?[] NewCaptains(IReadOnlyList<Side> aiSides)
    {
        var captains = new AiCaptain?[2];
        foreach (var side in aiSides)
        {
            captains[Index(side)] = new AiCaptain(side);
        }
        return captains;
    }

    private static CommandResult ReplayEntry(Battle battle, ReplayDice replay, LogbookEntry entry, AiCaptain?[] captains)
    {
        if (entry.Captain is { } memory && MemoryProblem(memory, entry.Command, captains) is { } problem)
        {
            throw new InvalidDataException($"carries a captain's memory that does not fit: {problem}");
        }
        replay.Replay(entry.Faces);
        CommandResult result;
        try
        {
            result = battle.Execute(entry.Command);
            if (result.Accepted)
            {
                replay.EndReplay();
            }
        }
        catch (InvalidDataException drift)
        {
            throw new InvalidDataException($"does not replay: {drift.Message}", drift);
        }
        return result.Refusal is { } refusal ? throw new InvalidDataException($"was refused on replay: {refusal.Message}") : result;
    }

    private static string? MemoryProblem(CaptainMemory memory, BattleCommand command, AiCaptain?[] captains)
    {
        if (memory.Validate() is { } problem)
        {
            return problem;
        }
        if (memory.Side != command.Side)
        {
            return $"it is side {memory.Side}'s captain's, but the command is side {command.Side}'s.";
        }
        return captains[Index(memory.Side)] is null ? $"no AI captain commands side {memory.Side}." : null;
    }

    private static void Tell(Action<BattleEvent>? onEvent, IReadOnlyList<BattleEvent> events)
    {
        if (onEvent is null)
        {
            return;
        }
        foreach (var battleEvent in events)
        {
            onEvent(battleEvent);
        }
    }
}
