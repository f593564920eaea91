using System.Net;
using System.Text;

namespace SpaceCombat.CircuitClient;

/// <summary>
/// A circuit's DOM as HTML and its component count: to compare what two builds of a page show (attributes sorted by
/// name, components left out: the same HTML is the same page to the browser) and how many components it holds.
/// </summary>
public static class DomHtml
{
    public static string Html(this RenderTree tree)
    {
        var builder = new StringBuilder();
        foreach (var root in tree.Roots)
        {
            Append(root, builder);
        }
        return builder.ToString();
    }

    /// <summary>Component instances in the circuit's DOM (each root component and every component under it).</summary>
    public static int Components(this RenderTree tree) => tree.Roots.Sum(Components);

    private static int Components(Node node) =>
        (node.Kind == NodeKind.Component ? 1 : 0) + (node.ChildrenIfAny?.Sum(Components) ?? 0);

    // As the DOM holds it: no indentation or line breaks added, so white space shows only where the page has it.
    private static void Append(Node node, StringBuilder builder)
    {
        switch (node.Kind)
        {
            case NodeKind.Component:
                foreach (var child in node.ChildrenIfAny ?? [])
                {
                    Append(child, builder);
                }
                return;
            case NodeKind.Text:
                builder.Append(WebUtility.HtmlEncode(node.Text));
                return;
            case NodeKind.Markup:
                builder.Append(node.Text);
                return;
        }
        builder.Append('<').Append(node.Name);
        foreach (var (name, value) in node.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            builder.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        }
        builder.Append('>');
        foreach (var child in node.ChildrenIfAny ?? [])
        {
            Append(child, builder);
        }
        builder.Append("</").Append(node.Name).Append('>');
    }
}
