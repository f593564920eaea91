using System.Buffers.Binary;
using System.Text;
using SpaceCombat.CircuitClient;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>The load generator's logical DOM: render batches in the .NET 10 layout (protocol doc §7) applied to it.</summary>
public sealed class RenderTreeTests
{
    private const int Prepend = 1, Remove = 2, SetAttr = 3, RemoveAttr = 4, UpdateText = 5, StepIn = 6, StepOut = 7,
        PermutationEntry = 9, PermutationEnd = 10;

    [Fact]
    public void Inserted_elements_carry_their_attributes_handlers_and_text()
    {
        var tree = TreeWithRoot();
        var batch = new BatchWriter();
        batch.Element("button", subtree: 5);
        batch.Attribute("class", "sc-fire");
        batch.Attribute("data-testid", "fire-0");
        batch.Handler("onclick", 42);
        batch.Text("Fire");
        batch.Element("span", subtree: 1);
        tree.Apply(batch.Diff(componentId: 1, (Prepend, 0, 0, -1), (Prepend, 1, 5, -1)));

        var button = tree.ByTestId("fire-0");
        Assert.NotNull(button);
        Assert.Equal("sc-fire", button.Attr("class"));
        Assert.Equal(42UL, button.EventId("click"));
        Assert.False(button.IsDisabled);
        Assert.Equal("Fire", button.TextContent());
        Assert.Same(button, tree.EnabledButton("Fire"));
        Assert.Null(tree.Find(e => e.Name == "span")!.ChildrenIfAny);
    }

    [Fact]
    public void A_turn_control_is_clicked_with_the_turn_it_was_rendered_for_and_any_other_button_with_a_plain_click()
    {
        var tree = TreeWithRoot();
        var batch = new BatchWriter();
        batch.Element("button", subtree: 4);
        batch.Attribute("data-for-turn", "17");
        batch.Handler("onturnclick", 5);
        batch.Text("Fire");
        batch.Element("button", subtree: 3);
        batch.Handler("onclick", 6);
        batch.Text("Surrender");
        batch.Element("button", subtree: 3);
        batch.Handler("onturnclick", 8);
        batch.Text("End Turn");
        batch.Element("span", subtree: 2);
        batch.Text("Round 3");
        tree.Apply(batch.Diff(componentId: 1, (Prepend, 0, 0, -1), (Prepend, 1, 4, -1), (Prepend, 2, 7, -1), (Prepend, 3, 10, -1)));

        Assert.Equal(new ClickEvent(5, "turnclick", "{\"turn\":17}"), ClickEvent.Of(tree.EnabledButton("Fire")!));
        Assert.Equal(new ClickEvent(6, "click", BlazorCircuit.ClickArgs), ClickEvent.Of(tree.EnabledButton("Surrender")!));
        // A turn control without its turn is sent as the browser's script sends it: for no turn (-1), which is refused.
        Assert.Equal(new ClickEvent(8, "turnclick", "{\"turn\":-1}"), ClickEvent.Of(tree.EnabledButton("End Turn")!));
        Assert.Null(ClickEvent.Of(tree.Find(e => e.Name == "span")!));
    }

    [Fact]
    public void A_button_is_found_by_its_text_first_in_document_order_and_not_once_removed()
    {
        var tree = TreeWithRoot();
        var inner = new BatchWriter();
        inner.Element("div", subtree: 4);
        FireButton(inner, handlerId: 1);
        tree.Apply(inner.Diff(1, (Prepend, 0, 0, -1)));

        // A second Fire button made later but placed before the first: the page's first is the one clicked.
        var before = new BatchWriter();
        FireButton(before, handlerId: 2);
        tree.Apply(before.Diff(1, (Prepend, 0, 0, -1)));
        Assert.Equal(2UL, tree.EnabledButton("Fire")!.EventId("click"));

        // And a third made last, placed last.
        var after = new BatchWriter();
        FireButton(after, handlerId: 3);
        tree.Apply(after.Diff(1, (Prepend, 2, 0, -1)));
        Assert.Equal(2UL, tree.EnabledButton("Fire")!.EventId("click"));

        tree.Apply(new BatchWriter().Diff(1, (Remove, 0, 0, -1)));
        Assert.Equal(1UL, tree.EnabledButton("Fire")!.EventId("click"));

        // The div removed with the button inside it.
        tree.Apply(new BatchWriter().Diff(1, (Remove, 0, 0, -1)));
        Assert.Equal(3UL, tree.EnabledButton("Fire")!.EventId("click"));
        tree.Apply(new BatchWriter().Diff(1, (Remove, 0, 0, -1)));
        Assert.Null(tree.EnabledButton("Fire"));

        static void FireButton(BatchWriter batch, ulong handlerId)
        {
            batch.Element("button", subtree: 3);
            batch.Handler("onclick", handlerId);
            batch.Text("Fire");
        }
    }

    [Fact]
    public void Attribute_edits_set_replace_and_remove_values_and_handlers()
    {
        var tree = TreeWithRoot();
        var insert = new BatchWriter();
        insert.Element("button", subtree: 4);
        insert.Attribute("data-testid", "end-turn");
        insert.Handler("onclick", 7);
        insert.Text("End Turn");
        tree.Apply(insert.Diff(1, (Prepend, 0, 0, -1)));

        var disable = new BatchWriter();
        disable.Attribute("disabled", "");
        disable.Attribute("data-testid", "end-turn-waiting");
        tree.Apply(disable.Diff(1, (SetAttr, 0, 0, -1), (SetAttr, 0, 1, -1)));
        var button = tree.ByTestId("end-turn-waiting")!;
        Assert.True(button.IsDisabled);
        Assert.Null(tree.EnabledButton("End Turn"));

        var enable = new BatchWriter();
        var disabledName = enable.String("disabled");
        var clickName = enable.String("onclick");
        tree.Apply(enable.Diff(1, (RemoveAttr, 0, 0, disabledName), (RemoveAttr, 0, 0, clickName)));
        Assert.False(button.IsDisabled);
        Assert.Null(button.EventId("click"));
        Assert.Equal("end-turn-waiting", button.Attr("data-testid"));
    }

    [Fact]
    public void Text_updates_removals_and_permutations_change_the_children_in_place()
    {
        var tree = TreeWithRoot();
        var insert = new BatchWriter();
        insert.Element("ol", subtree: 7);
        insert.Element("li", subtree: 2);
        insert.Text("first");
        insert.Element("li", subtree: 2);
        insert.Text("second");
        insert.Element("li", subtree: 2);
        insert.Text("third");
        tree.Apply(insert.Diff(1, (Prepend, 0, 0, -1)));
        var list = tree.Find(e => e.Name == "ol")!;

        var edit = new BatchWriter();
        edit.Text("FIRST");
        tree.Apply(edit.Diff(1,
            (StepIn, 0, 0, -1),
            (PermutationEntry, 0, 2, -1), (PermutationEntry, 2, 0, -1), (PermutationEnd, 0, 0, -1),
            (Remove, 1, 0, -1),
            (StepIn, 1, 0, -1), (UpdateText, 0, 0, -1), (StepOut, 0, 0, -1),
            (StepOut, 0, 0, -1)));

        Assert.Equal(["third", "FIRST"], list.Children.Select(li => li.TextContent()));
    }

    [Fact]
    public void A_test_id_finds_the_first_attached_element_carrying_it_as_its_attributes_and_the_tree_change()
    {
        var tree = TreeWithRoot();
        var insert = new BatchWriter();
        insert.Element("div", subtree: 6);
        insert.Attribute("data-testid", "panel");
        insert.Element("span", subtree: 3);
        insert.Attribute("data-testid", "readout");
        insert.Text("inner");
        insert.Element("p", subtree: 1);
        insert.Element("b", subtree: 3);
        insert.Attribute("data-testid", "readout");
        insert.Text("outer");
        tree.Apply(insert.Diff(1, (Prepend, 0, 0, -1), (Prepend, 1, 6, -1)));

        // Two carry it: the first in document order, as the walk finds it.
        Assert.Equal("inner", tree.ByTestId("readout")!.TextContent());
        Assert.Null(tree.ByTestId("result"));

        // The panel (and the readout inside it) removed: the other readout, then the panel's test id on the b.
        var remove = new BatchWriter();
        remove.Attribute("data-testid", "panel");
        tree.Apply(remove.Diff(1, (Remove, 0, 0, -1), (SetAttr, 0, 0, -1)));
        Assert.Equal("outer", tree.ByTestId("panel")!.TextContent());
        Assert.Null(tree.ByTestId("readout"));

        // An element whose test id is removed is no longer found by it; one given a new test id is.
        var retag = new BatchWriter();
        var testIdName = retag.String("data-testid");
        tree.Apply(retag.Diff(1, (RemoveAttr, 0, 0, testIdName)));
        Assert.Null(tree.ByTestId("panel"));
        var tag = new BatchWriter();
        tag.Attribute("data-testid", "result");
        tree.Apply(tag.Diff(1, (SetAttr, 0, 0, -1)));
        Assert.Equal("outer", tree.ByTestId("result")!.TextContent());
    }

    [Fact]
    public void Batch_strings_are_shared_between_batches_and_long_texts_are_decoded_but_not_kept()
    {
        var label = "sc-turret-" + Guid.NewGuid().ToString("N")[..8];
        var first = BatchStrings.Decode(Encoding.UTF8.GetBytes(label));
        var second = BatchStrings.Decode(Encoding.UTF8.GetBytes(label));
        Assert.Equal(label, first);
        Assert.Same(first, second);

        var logLine = "Your Type-T Patrol Corvette fires turret 1 (3 × Pulse Laser) at Short: 2D 7 + 2 = 9, hit " + Guid.NewGuid();
        var decoded = BatchStrings.Decode(Encoding.UTF8.GetBytes(logLine));
        Assert.Equal(logLine, decoded);
        Assert.NotSame(decoded, BatchStrings.Decode(Encoding.UTF8.GetBytes(logLine)));

        Assert.Equal("Évasion ×2", BatchStrings.Decode(Encoding.UTF8.GetBytes("Évasion ×2")));
        Assert.Same(string.Empty, BatchStrings.Decode([]));
    }

    internal static RenderTree TreeWithRoot()
    {
        var tree = new RenderTree();
        tree.AttachRoot(1);
        return tree;
    }

    /// <summary>Writes a render batch: strings first, then frames, one component's diff, and the trailing offsets.</summary>
    internal sealed class BatchWriter
    {
        private readonly List<string> _strings = [];
        private readonly List<byte[]> _frames = [];

        public int String(string value)
        {
            _strings.Add(value);
            return _strings.Count - 1;
        }

        public void Element(string name, int subtree) => Frame(1, subtree, String(name), 0);

        public void Text(string text) => Frame(2, String(text), 0, 0);

        public void Attribute(string name, string value) => Frame(3, String(name), String(value), 0);

        public void Handler(string name, ulong handlerId) => Frame(3, String(name), -1, handlerId);

        private void Frame(int type, int a, int b, ulong handler)
        {
            var frame = new byte[20];
            BinaryPrimitives.WriteInt32LittleEndian(frame, type);
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), a);
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(8), b);
            BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(12), handler);
            _frames.Add(frame);
        }

        public byte[] Diff(int componentId, params (int Type, int Sibling, int Frame, int RemovedAttribute)[] edits)
        {
            using var stream = new MemoryStream();
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            var stringOffsets = new List<int>();
            foreach (var text in _strings)
            {
                stringOffsets.Add((int)stream.Position);
                writer.Write(text); // 7-bit length, then UTF-8
            }
            var diffOffset = (int)stream.Position;
            writer.Write(componentId);
            writer.Write(edits.Length);
            foreach (var edit in edits)
            {
                writer.Write(edit.Type);
                writer.Write(edit.Sibling);
                writer.Write(edit.Frame);
                writer.Write(edit.RemovedAttribute);
            }
            var updatedOffset = (int)stream.Position;
            writer.Write(1);
            writer.Write(diffOffset);
            var framesOffset = (int)stream.Position;
            writer.Write(_frames.Count);
            foreach (var frame in _frames)
            {
                writer.Write(frame);
            }
            var disposedOffset = (int)stream.Position;
            writer.Write(0);
            var disposedHandlersOffset = (int)stream.Position;
            writer.Write(0);
            var stringTableOffset = (int)stream.Position;
            foreach (var offset in stringOffsets)
            {
                writer.Write(offset);
            }
            writer.Write(updatedOffset);
            writer.Write(framesOffset);
            writer.Write(disposedOffset);
            writer.Write(disposedHandlersOffset);
            writer.Write(stringTableOffset);
            writer.Flush();
            return stream.ToArray();
        }
    }
}
