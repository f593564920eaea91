using System.Buffers.Binary;
using System.Text;

namespace SpaceCombat.LoadTest.Blazor;

internal enum NodeKind { Element, Text, Markup, Component }

/// <summary>One logical DOM node of a headless circuit (protocol doc §7: element, text, markup, component container).</summary>
internal sealed class Node(NodeKind kind)
{
    public NodeKind Kind { get; } = kind;
    public string? Name { get; set; }
    public string? Text { get; set; }
    public int ComponentId { get; init; } = -1;
    public Node? Parent { get; set; }
    public List<Node> Children { get; } = [];
    public Dictionary<string, string>? Attributes { get; set; }
    public Dictionary<string, ulong>? Events { get; set; }

    public string? Attr(string name) => Attributes is not null && Attributes.TryGetValue(name, out var v) ? v : null;

    public bool IsDisabled => Attributes is not null && Attributes.ContainsKey("disabled");

    public ulong? EventId(string eventName) => Events is not null && Events.TryGetValue(eventName, out var id) ? id : null;

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
                    foreach (var child in node.Children)
                    {
                        if (!Consume(child))
                        {
                            return false;
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
                foreach (var child in node.Children)
                {
                    AppendText(child, builder);
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
internal sealed class RenderTree
{
    private const int EditPrepend = 1, EditRemove = 2, EditSetAttr = 3, EditRemoveAttr = 4, EditUpdateText = 5,
        EditStepIn = 6, EditStepOut = 7, EditUpdateMarkup = 8, EditPermutationEntry = 9, EditPermutationEnd = 10;

    private const int FrameElement = 1, FrameText = 2, FrameAttribute = 3, FrameComponent = 4, FrameRegion = 5,
        FrameElementRefCapture = 6, FrameMarkup = 8;

    private readonly Dictionary<int, Node> _components = [];
    private readonly List<Node> _roots = [];

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
        var children = node.Children;
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
        var children = node.Children;
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
            if (_components.Remove(id, out var node))
            {
                _roots.Remove(node);
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
                            element.Attributes?.Remove(name);
                            if (name.StartsWith("on", StringComparison.Ordinal))
                            {
                                element.Events?.Remove(name[2..]);
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
                        var moved = permutations.Select(p => parent.Children[p.From]).ToList();
                        for (var i = 0; i < permutations.Count; i++)
                        {
                            parent.Children[permutations[i].To] = moved[i];
                        }
                        permutations.Clear();
                    }
                    break;
                default:
                    throw new InvalidDataException($"Unknown edit type {type}.");
            }
        }
    }

    private void RemoveChild(Node parent, int index)
    {
        var node = parent.Children[index];
        parent.Children.RemoveAt(index);
        node.Parent = null;
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
                    InsertRange(batch, strings, frames, element, element.Children.Count, child, end);
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
                    (parent.Attributes ??= [])["_bl_" + strings.Get(Int(batch, at + 4))] = "";
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

    private static void SetAttribute(ReadOnlySpan<byte> batch, StringTable strings, int frames, Node element, int frameIndex)
    {
        var at = FrameAt(frames, frameIndex);
        var name = strings.Get(Int(batch, at + 4)) ?? "";
        var value = strings.Get(Int(batch, at + 8));
        var handler = BinaryPrimitives.ReadUInt64LittleEndian(batch.Slice(at + 12, 8));
        if (handler != 0)
        {
            (element.Events ??= [])[name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name] = handler;
            return;
        }
        if (value is null)
        {
            element.Attributes?.Remove(name);
        }
        else
        {
            (element.Attributes ??= [])[name] = value;
        }
    }

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
            return Encoding.UTF8.GetString(_batch.Slice(offset, length));
        }
    }
}
