using System.Net;
using System.Text;

namespace SpaceCombat.LoadTest.Blazor;

/// <summary>
/// A circuit's DOM as HTML and its component count: to compare what two builds of a page show (attributes sorted by
/// name, components left out: the same HTML is the same page to the browser) and how many components it holds.
/// </summary>
internal static class DomHtml
{
    public static string Html(this RenderTree tree)
    {
        var builder = new StringBuilder();
        foreach (var root in tree.Roots)
        {
            Append(root, builder, 0);
        }
        return builder.ToString();
    }

    /// <summary>Component instances in the circuit's DOM (each root component and every component under it).</summary>
    public static int Components(this RenderTree tree) => tree.Roots.Sum(Components);

    private static int Components(Node node) =>
        (node.Kind == NodeKind.Component ? 1 : 0) + (node.ChildrenIfAny?.Sum(Components) ?? 0);

    private static void Append(Node node, StringBuilder builder, int depth)
    {
        switch (node.Kind)
        {
            case NodeKind.Component:
                foreach (var child in node.ChildrenIfAny ?? [])
                {
                    Append(child, builder, depth);
                }
                return;
            case NodeKind.Text:
                // Whitespace between inline elements shows as a space: kept, as one.
                builder.Append(' ', depth * 2).AppendLine(string.IsNullOrWhiteSpace(node.Text) ? "␠" : WebUtility.HtmlEncode(node.Text.Trim()));
                return;
            case NodeKind.Markup:
                if (!string.IsNullOrWhiteSpace(node.Text))
                {
                    builder.Append(' ', depth * 2).AppendLine(node.Text.Trim());
                }
                return;
        }
        builder.Append(' ', depth * 2).Append('<').Append(node.Name);
        foreach (var (name, value) in node.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            builder.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        }
        builder.AppendLine(">");
        foreach (var child in node.ChildrenIfAny ?? [])
        {
            Append(child, builder, depth + 1);
        }
        builder.Append(' ', depth * 2).Append("</").Append(node.Name).AppendLine(">");
    }
}
