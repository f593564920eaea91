namespace SpaceCombat.CircuitClient;

/// <summary>Finds elements the way the automation contract names them: data-testid and button text.</summary>
public static class DomQueries
{
    public static Node? ByTestId(this RenderTree tree, string testId) => tree.FindByTestId(testId);

    public static Node? ByClass(this RenderTree tree, string cssClass) =>
        tree.Find(e => e.Attr("class") is { } c && HasClass(c, cssClass));

    public static Node? EnabledButton(this RenderTree tree, string name) =>
        tree.FindButton(e => !e.IsDisabled && ClickEvent.Of(e) is not null && e.NormalizedTextEquals(name));

    /// <summary>A link (an anchor with an href, e.g. a MudButton with Href) whose text is <paramref name="name"/>.</summary>
    public static Node? Link(this RenderTree tree, string name) =>
        tree.Find(e => e.Name == "a" && e.Attr("href") is not null && e.NormalizedTextEquals(name));

    public static bool IsInteractive(this RenderTree tree) =>
        tree.Find(e => e.Attr("data-interactive") == "true") is not null;

    public static string? TextOf(this RenderTree tree, string testId) => tree.ByTestId(testId) is { } node ? Normalize(node.TextContent()) : null;

    /// <summary>
    /// The texts of the list items under the element <paramref name="testId"/>, in page order, round headers
    /// (<c>sc-log-round</c>) left out; empty when there is no such element.
    /// </summary>
    public static List<string> LogLines(this RenderTree tree, string testId)
    {
        var lines = new List<string>();
        if (tree.ByTestId(testId) is { } list)
        {
            CollectItems(list, lines);
        }
        return lines;
    }

    private static void CollectItems(Node node, List<string> lines)
    {
        foreach (var child in node.ChildrenIfAny ?? [])
        {
            if (child.Name == "li")
            {
                if (child.Attr("class") is not { } c || !HasClass(c, "sc-log-round"))
                {
                    lines.Add(Normalize(child.TextContent()));
                }
                continue;
            }
            CollectItems(child, lines);
        }
    }

    public static int CountText(this RenderTree tree, string text) =>
        tree.Count(e => e.Attr("class") is { } c && c.Contains("mud-snackbar-content-message", StringComparison.Ordinal) && e.TextContent().Contains(text, StringComparison.Ordinal));

    /// <summary>Whether the space-separated class list holds the class, without splitting it.</summary>
    public static bool HasClass(string classes, string cssClass)
    {
        var rest = classes.AsSpan();
        while (!rest.IsEmpty)
        {
            var space = rest.IndexOf(' ');
            var token = space < 0 ? rest : rest[..space];
            if (token.SequenceEqual(cssClass))
            {
                return true;
            }
            rest = space < 0 ? [] : rest[(space + 1)..];
        }
        return false;
    }

    /// <summary>Whether a node is still attached to one of the tree's roots.</summary>
    public static bool IsAttached(this RenderTree tree, Node node)
    {
        var current = node;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }
        return tree.Roots.Contains(current);
    }

    public static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
