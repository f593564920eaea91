using System.Buffers.Binary;
using System.Text;

namespace SpaceCombat.CircuitClient;

public enum NodeKind { Element, Text, Markup, Component }

/// <summary>One logical DOM node of a headless circuit (protocol doc §7: element, text, markup, component container).</summary>
public sealed class Node(NodeKind kind)
{
    public NodeKind Kind { get; } = kind;
    public string? Name { get; set; }
    public string? Text { get; set; }
    public int ComponentId { get; init; } = -1;
    public Node? Parent { get; set; }

    // 2,000 circuits insert tens of nodes per render batch: the lists are made only when a node has children,
    // attributes or handlers, and an element's few attributes are searched in a list rather than hashed.
    private List<Node>? _children;
    private List<KeyValuePair<string, string>>? _attributes;
    private List<KeyValuePair<string, ulong>>? _events;

    public List<Node> Children => _children ??= [];

    /// <summary>The children, or null when there are none (does not create the list).</summary>
    public List<Node>? ChildrenIfAny => _children;

    /// <summary>The attributes, in the order they were set.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes => (IReadOnlyList<KeyValuePair<string, string>>?)_attributes ?? [];

    public string? Attr(string name) => IndexOf(_attributes, name) is var i and >= 0 ? _attributes![i].Value : null;

    public bool IsDisabled => IndexOf(_attributes, "disabled") >= 0;

    public ulong? EventId(string eventName) => IndexOf(_events, eventName) is var i and >= 0 ? _events![i].Value : null;

    public void SetAttr(string name, string value) => Set(ref _attributes, name, value);

    public void RemoveAttr(string name) => Remove(_attributes, name);

    public void SetEvent(string eventName, ulong handlerId) => Set(ref _events, eventName, handlerId);

    public void RemoveEvent(string eventName) => Remove(_events, eventName);

    private static int IndexOf<T>(List<KeyValuePair<string, T>>? list, string key)
    {
        if (list is null)
        {
            return -1;
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static void Set<T>(ref List<KeyValuePair<string, T>>? list, string key, T value)
    {
        var index = IndexOf(list, key);
        if (index >= 0)
        {
            list![index] = new(key, value);
        }
        else
        {
            (list ??= new(4)).Add(new(key, value));
        }
    }

    private static void Remove<T>(List<KeyValuePair<string, T>>? list, string key)
    {
        if (IndexOf(list, key) is var index and >= 0)
        {
            list!.RemoveAt(index);
        }
    }

    public string TextContent()
    {
        var builder = new StringBuilder();
        AppendText(this, builder);
        return builder.ToString();
    }

    /// <summary>
    /// Whether the text content, whitespace runs collapsed to one space and trimmed (<see cref="DomQueries.Normalize"/>),
    /// equals <paramref name="expected"/>; compared as the text is walked, without building it (button lookups run
    /// on every render batch of every circuit).
    /// </summary>
    public bool NormalizedTextEquals(string expected)
    {
        var match = new NormalizedMatch(expected);
        return match.Consume(this) && match.Complete;
    }

    private struct NormalizedMatch(string expected)
    {
        private int _position;
        private bool _started;
        private bool _pendingSpace;

        public bool Complete => _position == expected.Length;

        /// <summary>Feeds the node's text; false as soon as it cannot match.</summary>
        public bool Consume(Node node)
        {
            switch (node.Kind)
            {
                case NodeKind.Text:
                    return Consume(node.Text, stripTags: false);
                case NodeKind.Markup:
                    return Consume(node.Text, stripTags: true);
                default:
                    if (node.ChildrenIfAny is { } children)
                    {
                        foreach (var child in children)
                        {
                            if (!Consume(child))
                            {
                                return false;
                            }
                        }
                    }
                    return true;
            }
        }

        private bool Consume(string? text, bool stripTags)
        {
            if (text is null)
            {
                return true;
            }
            var inTag = false;
            foreach (var c in text)
            {
                if (stripTags && (c == '<' || c == '>'))
                {
                    inTag = c == '<';
                    continue;
                }
                if (inTag)
                {
                    continue;
                }
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = _started;
                    continue;
                }
                if (_pendingSpace)
                {
                    if (_position >= expected.Length || expected[_position] != ' ')
                    {
                        return false;
                    }
                    _position++;
                    _pendingSpace = false;
                }
                if (_position >= expected.Length || expected[_position] != c)
                {
                    return false;
                }
                _position++;
                _started = true;
            }
            return true;
        }
    }

    private static void AppendText(Node node, StringBuilder builder)
    {
        switch (node.Kind)
        {
            case NodeKind.Text:
                builder.Append(node.Text);
                break;
            case NodeKind.Markup:
                AppendMarkupText(node.Text, builder);
                break;
            default:
                if (node.ChildrenIfAny is { } children)
                {
                    foreach (var child in children)
                    {
                        AppendText(child, builder);
                    }
                }
                break;
        }
    }

    private static void AppendMarkupText(string? markup, StringBuilder builder)
    {
        if (markup is null)
        {
            return;
        }
        var inTag = false;
        foreach (var c in markup)
        {
            if (c == '<') inTag = true;
            else if (c == '>') inTag = false;
            else if (!inTag) builder.Append(c);
        }
    }
}

/// <summary>
/// The logical DOM of one circuit, built by applying render batches as blazor.web.js's BrowserRenderer does
/// (protocol doc §7). Not thread-safe: the owner applies batches and queries under one lock.
/// </summary>
public sealed class RenderTree
{
    private const int EditPrepend = 1, EditRemove = 2, EditSetAttr = 3, EditRemoveAttr = 4, EditUpdateText = 5,
        EditStepIn = 6, EditStepOut = 7, EditUpdateMarkup = 8, EditPermutationEntry = 9, EditPermutationEnd = 10;

    private const int FrameElement = 1, FrameText = 2, FrameAttribute = 3, FrameComponent = 4, FrameRegion = 5,
        FrameElementRefCapture = 6, FrameMarkup = 8;

    private const string TestIdAttribute = "data-testid";

    private readonly Dictionary<int, Node> _components = [];
    private readonly List<Node> _roots = [];

    // The elements that were given each data-testid, attached or not: the waiters look elements up by test id at every
    // render batch of every circuit, and a walk of the whole tree for each (most often for one that is not there, such
    // as the result panel during play) was the largest part of the load generator's own work on its trees.
    private readonly Dictionary<string, List<Node>> _testIds = new(StringComparer.Ordinal);

    // The button elements in the tree: players look for an enabled button by its text (Fire, End Turn) at every render
    // batch, and walking the whole tree for each was most of what the generator still spent walking trees.
    private readonly List<Node> _buttons = [];

    public IReadOnlyList<Node> Roots => _roots;

    public void AttachRoot(int componentId)
    {
        var container = Container(componentId);
        if (!_roots.Contains(container))
        {
            _roots.Add(container);
        }
    }

    private Node Container(int componentId)
    {
        if (!_components.TryGetValue(componentId, out var node))
        {
            node = new Node(NodeKind.Component) { ComponentId = componentId };
            _components[componentId] = node;
        }
        return node;
    }

    // Every render batch runs the waiters' queries over the whole tree, for 2,000 circuits: a plain pre-order
    // recursion (no iterator, no explicit stack, no closure) keeps the generator's share of the machine small.

    /// <summary>The first element (document order) that matches.</summary>
    public Node? Find(Func<Node, bool> match)
    {
        foreach (var root in _roots)
        {
            if (FindIn(root, match) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>
    /// The first element (document order) whose data-testid is <paramref name="testId"/>: from the index, walking the
    /// tree only when more than one attached element carries it.
    /// </summary>
    public Node? FindByTestId(string testId)
    {
        if (!_testIds.TryGetValue(testId, out var nodes))
        {
            return null;
        }
        Node? found = null;
        var attached = 0;
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var node = nodes[i];
            if (!this.IsAttached(node))
            {
                // Looked up only between whole batches, when every live element is attached: a removed element never
                // comes back (blazor.web.js makes a new one).
                nodes.RemoveAt(i);
                continue;
            }
            found = node;
            attached++;
        }
        return attached > 1 ? Find(e => e.Attr(TestIdAttribute) == testId) : found;
    }

    /// <summary>The first button element (document order) that matches.</summary>
    public Node? FindButton(Func<Node, bool> match)
    {
        Node? first = null;
        for (var i = _buttons.Count - 1; i >= 0; i--)
        {
            var button = _buttons[i];
            if (!match(button))
            {
                continue;
            }
            // Removed subtrees leave the index as they go; this only guards a match against a removal it missed.
            if (!this.IsAttached(button))
            {
                _buttons.RemoveAt(i);
                continue;
            }
            if (first is null || Precedes(button, first))
            {
                first = button;
            }
        }
        return first;
    }

    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/> in document order (both attached).</summary>
    private bool Precedes(Node a, Node b)
    {
        var (pathA, pathB) = (PathFromRoot(a), PathFromRoot(b));
        if (pathA[0] != pathB[0])
        {
            return _roots.IndexOf(pathA[0]) < _roots.IndexOf(pathB[0]);
        }
        for (var i = 1; ; i++)
        {
            if (i == pathA.Count || i == pathB.Count)
            {
                // One is the other's ancestor: the ancestor comes first.
                return i == pathA.Count;
            }
            if (pathA[i] != pathB[i])
            {
                var siblings = pathA[i - 1].Children;
                return siblings.IndexOf(pathA[i]) < siblings.IndexOf(pathB[i]);
            }
        }
    }

    private static List<Node> PathFromRoot(Node node)
    {
        var path = new List<Node>();
        for (var current = node; current is not null; current = current.Parent)
        {
            path.Add(current);
        }
        path.Reverse();
        return path;
    }

    /// <summary>How many elements match.</summary>
    public int Count(Func<Node, bool> match)
    {
        var count = 0;
        foreach (var root in _roots)
        {
            count += CountIn(root, match);
        }
        return count;
    }

    private static Node? FindIn(Node node, Func<Node, bool> match)
    {
        if (node.Kind == NodeKind.Element && match(node))
        {
            return node;
        }
        if (node.ChildrenIfAny is not { } children)
        {
            return null;
        }
        for (var i = 0; i < children.Count; i++)
        {
            if (FindIn(children[i], match) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    private static int CountIn(Node node, Func<Node, bool> match)
    {
        var count = node.Kind == NodeKind.Element && match(node) ? 1 : 0;
        if (node.ChildrenIfAny is not { } children)
        {
            return count;
        }
        for (var i = 0; i < children.Count; i++)
        {
            count += CountIn(children[i], match);
        }
        return count;
    }

    /// <summary>Applies one render batch (the bytes of JS.RenderBatch).</summary>
    public void Apply(ReadOnlySpan<byte> batch)
    {
        var length = batch.Length;
        var updatedOffset = Int(batch, length - 20);
        var framesOffset = Int(batch, length - 16);
        var disposedComponentsOffset = Int(batch, length - 12);
        var stringTableOffset = Int(batch, length - 4);
        var strings = new StringTable(batch, stringTableOffset, (length - 20 - stringTableOffset) / 4);

        var diffCount = Int(batch, updatedOffset);
        for (var d = 0; d < diffCount; d++)
        {
            var diffOffset = Int(batch, updatedOffset + 4 + d * 4);
            var componentId = Int(batch, diffOffset);
            var editCount = Int(batch, diffOffset + 4);
            ApplyEdits(batch, strings, framesOffset + 4, Container(componentId), diffOffset + 8, editCount);
        }

        var disposedCount = Int(batch, disposedComponentsOffset);
        for (var i = 0; i < disposedCount; i++)
        {
            var id = Int(batch, disposedComponentsOffset + 4 + i * 4);
            if (_components.Remove(id, out var node) && _roots.Remove(node))
            {
                UnindexButtons(node);
            }
        }
    }

    private void ApplyEdits(ReadOnlySpan<byte> batch, StringTable strings, int frames, Node container, int editsOffset, int editCount)
    {
        var parent = container;
        var depth = 0;
        var childIndex = 0;
        List<(int From, int To)>? permutations = null;
        for (var e = 0; e < editCount; e++)
        {
            var at = editsOffset + e * 16;
            var type = Int(batch, at);
            var sibling = Int(batch, at + 4);
            var frameIndex = Int(batch, at + 8);
            var removedAttr = Int(batch, at + 12);
            switch (type)
            {
                case EditPrepend:
                    InsertFrame(batch, strings, frames, parent, childIndex + sibling, frameIndex);
                    break;
                case EditRemove:
                    RemoveChild(parent, childIndex + sibling);
                    break;
                case EditSetAttr:
                    {
                        var element = parent.Children[childIndex + sibling];
                        SetAttribute(batch, strings, frames, element, frameIndex);
                        break;
                    }
                case EditRemoveAttr:
                    {
                        var element = parent.Children[childIndex + sibling];
                        var name = strings.Get(removedAttr);
                        if (name is not null)
                        {
                            Unindex(element, name);
                            element.RemoveAttr(name);
                            if (name.StartsWith("on", StringComparison.Ordinal))
                            {
                                element.RemoveEvent(EventName(name));
                            }
                        }
                        break;
                    }
                case EditUpdateText:
                    parent.Children[childIndex + sibling].Text = strings.Get(Int(batch, FrameAt(frames, frameIndex) + 4));
                    break;
                case EditUpdateMarkup:
                    parent.Children[childIndex + sibling].Text = strings.Get(Int(batch, FrameAt(frames, frameIndex) + 4));
                    break;
                case EditStepIn:
                    parent = parent.Children[childIndex + sibling];
                    depth++;
                    childIndex = 0;
                    break;
                case EditStepOut:
                    parent = parent.Parent ?? container;
                    depth--;
                    childIndex = 0;
                    break;
                case EditPermutationEntry:
                    (permutations ??= []).Add((childIndex + sibling, childIndex + frameIndex));
                    break;
                case EditPermutationEnd:
                    if (permutations is { Count: > 0 })
                    {
                        Permute(parent.Children, permutations);
                        permutations.Clear();
                    }
                    break;
                default:
                    throw new InvalidDataException($"Unknown edit type {type}.");
            }
        }
    }

    // A plain loop: a lambda here would capture the edit loop's variables, and C# allocates such a closure at the
    // start of every ApplyEdits call, permutation or not.
    private static void Permute(List<Node> children, List<(int From, int To)> permutations)
    {
        var moved = new Node[permutations.Count];
        for (var i = 0; i < permutations.Count; i++)
        {
            moved[i] = children[permutations[i].From];
        }
        for (var i = 0; i < permutations.Count; i++)
        {
            children[permutations[i].To] = moved[i];
        }
    }

    private void RemoveChild(Node parent, int index)
    {
        var node = parent.Children[index];
        parent.Children.RemoveAt(index);
        node.Parent = null;
        UnindexButtons(node);
    }

    /// <summary>A subtree left the tree: its buttons are no longer found (a removed element never comes back).</summary>
    private void UnindexButtons(Node removed)
    {
        if (_buttons.Count == 0)
        {
            return;
        }
        if (removed.Name == "button")
        {
            _buttons.Remove(removed);
        }
        if (removed.ChildrenIfAny is { } children)
        {
            for (var i = 0; i < children.Count; i++)
            {
                UnindexButtons(children[i]);
            }
        }
    }

    private static int FrameAt(int frames, int index) => frames + index * 20;

    /// <summary>Inserts the frame (with its subtree) at <paramref name="index"/>; returns how many logical children it added.</summary>
    private int InsertFrame(ReadOnlySpan<byte> batch, StringTable strings, int frames, Node parent, int index, int frameIndex)
    {
        var at = FrameAt(frames, frameIndex);
        var type = Int(batch, at);
        switch (type)
        {
            case FrameElement:
                {
                    var element = new Node(NodeKind.Element) { Name = strings.Get(Int(batch, at + 8)), Parent = parent };
                    parent.Children.Insert(index, element);
                    if (element.Name == "button")
                    {
                        _buttons.Add(element);
                    }
                    var end = frameIndex + Int(batch, at + 4);
                    var child = frameIndex + 1;
                    for (; child < end; child++)
                    {
                        if (Int(batch, FrameAt(frames, child)) != FrameAttribute)
                        {
                            break;
                        }
                        SetAttribute(batch, strings, frames, element, child);
                    }
                    InsertRange(batch, strings, frames, element, 0, child, end);
                    return 1;
                }
            case FrameText:
                parent.Children.Insert(index, new Node(NodeKind.Text) { Text = strings.Get(Int(batch, at + 4)), Parent = parent });
                return 1;
            case FrameMarkup:
                parent.Children.Insert(index, new Node(NodeKind.Markup) { Text = strings.Get(Int(batch, at + 4)), Parent = parent });
                return 1;
            case FrameComponent:
                {
                    var container = Container(Int(batch, at + 8));
                    container.Parent = parent;
                    parent.Children.Insert(index, container);
                    return 1;
                }
            case FrameRegion:
                return InsertRange(batch, strings, frames, parent, index, frameIndex + 1, frameIndex + Int(batch, at + 4));
            case FrameElementRefCapture:
                if (parent.Kind == NodeKind.Element)
                {
                    parent.SetAttr("_bl_" + strings.Get(Int(batch, at + 4)), "");
                }
                return 0;
            case FrameAttribute:
                throw new InvalidDataException("An attribute frame outside an element.");
            default:
                return 0; // component reference capture, render mode, named event: no DOM node
        }
    }

    private int InsertRange(ReadOnlySpan<byte> batch, StringTable strings, int frames, Node parent, int index, int start, int end)
    {
        var inserted = 0;
        for (var i = start; i < end;)
        {
            var at = FrameAt(frames, i);
            inserted += InsertFrame(batch, strings, frames, parent, index + inserted, i);
            var type = Int(batch, at);
            var subtree = type is FrameElement or FrameComponent or FrameRegion ? Int(batch, at + 4) : 1;
            i += Math.Max(1, subtree);
        }
        return inserted;
    }

    private void SetAttribute(ReadOnlySpan<byte> batch, StringTable strings, int frames, Node element, int frameIndex)
    {
        var at = FrameAt(frames, frameIndex);
        var name = strings.Get(Int(batch, at + 4)) ?? "";
        var value = strings.Get(Int(batch, at + 8));
        var handler = BinaryPrimitives.ReadUInt64LittleEndian(batch.Slice(at + 12, 8));
        if (handler != 0)
        {
            element.SetEvent(EventName(name), handler);
            return;
        }
        Unindex(element, name);
        if (value is null)
        {
            element.RemoveAttr(name);
        }
        else
        {
            element.SetAttr(name, value);
            if (name == TestIdAttribute)
            {
                if (!_testIds.TryGetValue(value, out var nodes))
                {
                    _testIds[value] = nodes = [];
                }
                nodes.Add(element);
            }
        }
    }

    /// <summary>Before <paramref name="name"/> is set or removed: an element's old test id no longer finds it.</summary>
    private void Unindex(Node element, string name)
    {
        if (name == TestIdAttribute && element.Attr(TestIdAttribute) is { } old && _testIds.TryGetValue(old, out var nodes))
        {
            nodes.Remove(element);
        }
    }

    /// <summary>"onclick" → "click", from the shared string cache rather than a new substring each time.</summary>
    private static string EventName(string attributeName) =>
        attributeName.StartsWith("on", StringComparison.Ordinal) ? BatchStrings.Get(attributeName.AsSpan(2)) : attributeName;

    private static int Int(ReadOnlySpan<byte> batch, int offset) => BinaryPrimitives.ReadInt32LittleEndian(batch.Slice(offset, 4));

    private readonly ref struct StringTable(ReadOnlySpan<byte> batch, int tableOffset, int count)
    {
        private readonly ReadOnlySpan<byte> _batch = batch;

        public string? Get(int index)
        {
            if (index < 0 || index >= count)
            {
                return null;
            }
            var offset = Int(_batch, tableOffset + index * 4);
            // BinaryWriter string: 7-bit encoded length, then UTF-8 bytes.
            var length = 0;
            var shift = 0;
            byte b;
            do
            {
                b = _batch[offset++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return BatchStrings.Decode(_batch.Slice(offset, length));
        }
    }
}
