using System.Text;
using System.Text.Json;

namespace SpaceCombat.CircuitClient;

/// <summary>The interactive root components a prerendered page declares (protocol doc §2).</summary>
public sealed record PageMarkers(IReadOnlyList<string> StartMarkers, string ApplicationState)
{
    private const string MarkerPrefix = "<!--Blazor:";
    private const string StatePrefix = "<!--Blazor-Server-Component-State:";

    public static PageMarkers Parse(string html)
    {
        var markers = new List<string>();
        var at = 0;
        while ((at = html.IndexOf(MarkerPrefix, at, StringComparison.Ordinal)) >= 0)
        {
            var start = at + MarkerPrefix.Length;
            var end = html.IndexOf("-->", start, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }
            var json = html[start..end];
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("type", out var type) && type.GetString() == "server")
            {
                markers.Add(json);
            }
            at = end + 3;
        }
        var state = "";
        var stateAt = html.IndexOf(StatePrefix, StringComparison.Ordinal);
        if (stateAt >= 0)
        {
            var start = stateAt + StatePrefix.Length;
            var end = html.IndexOf("-->", start, StringComparison.Ordinal);
            state = end > start ? html[start..end] : "";
        }
        if (markers.Count == 0)
        {
            throw new InvalidDataException("The page has no interactive server component markers.");
        }
        return new PageMarkers(markers, state);
    }

    /// <summary>The first UpdateRootComponents batch: one "add" per marker, numbered 1, 2, … as the browser does.</summary>
    public string AddOperationsJson(int batchId)
    {
        var builder = new StringBuilder();
        builder.Append("{\"batchId\":").Append(batchId).Append(",\"operations\":[");
        for (var i = 0; i < StartMarkers.Count; i++)
        {
            if (i > 0) builder.Append(',');
            builder.Append("{\"type\":\"add\",\"ssrComponentId\":").Append(i + 1).Append(",\"marker\":").Append(StartMarkers[i]).Append('}');
        }
        return builder.Append("]}").ToString();
    }
}
