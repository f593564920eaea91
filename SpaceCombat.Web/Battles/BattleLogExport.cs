using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// The battle's log as one viewer may download it: plain text (the log's own sentences under round headers) or
/// JSON Lines (one object per event: round, type, side, the sentence, and the engine's record of the event). A
/// salvo's launch roll stays hidden from everyone but its launcher, as on screen (RULES.md section 6).
/// </summary>
public static class BattleLogExport
{
    private static readonly JsonSerializerOptions EventJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Chronological lines with a "Round N" header before each round's first line.</summary>
    public static string ToText(IReadOnlyList<BattleEvent> log, Side? viewer, Func<Side, string> shipName)
    {
        var text = new StringBuilder();
        var round = -1;
        foreach (var entry in log)
        {
            if (entry is TurnStarted or RoundStarted)
            {
                continue;
            }
            if (entry.Round != round && entry.Round > 0)
            {
                text.Append('\n').Append("Round ").Append(entry.Round).Append('\n');
            }
            round = entry.Round;
            text.Append(CombatLogText.Describe(entry, viewer, shipName)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One JSON object per event, '\n' line ends.</summary>
    public static string ToJsonLines(IReadOnlyList<BattleEvent> log, Side? viewer, Func<Side, string> shipName)
    {
        var lines = new StringBuilder();
        foreach (var entry in log)
        {
            var line = new JsonObject
            {
                ["round"] = entry.Round,
                ["type"] = JsonSerializer.SerializeToNode(entry, EventJson)?["type"]?.GetValue<string>(),
                ["side"] = entry.Actor?.ToString(),
                ["text"] = CombatLogText.Describe(entry, viewer, shipName),
            };
            if (entry is not MissilesLaunched launch || launch.Side == viewer)
            {
                line["event"] = JsonSerializer.SerializeToNode(entry, EventJson);
            }
            lines.Append(line.ToJsonString()).Append('\n');
        }
        return lines.ToString();
    }
}
