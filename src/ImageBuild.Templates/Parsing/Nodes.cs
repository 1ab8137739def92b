using System.Numerics;
using System.Text;
using ImageBuild.Templates.Formatting;

namespace ImageBuild.Templates.Parsing;

// The parse tree, one closed set of node classes as in Go's parse/node.go. ToString gives Go's String(), which error
// messages quote ("at <.Config.Labels.NO>").

/// <summary>A node of a template's parse tree; <see cref="Position"/> is its byte offset in the template text.</summary>
internal abstract class Node(int position)
{
    public int Position { get; } = position;

    public override string ToString()
    {
        var text = new StringBuilder();
        WriteTo(text);
        return text.ToString();
    }

    public abstract void WriteTo(StringBuilder text);
}

internal sealed class ListNode(int position) : Node(position)
{
    public List<Node> Nodes { get; } = [];

    public override void WriteTo(StringBuilder text) => StackGuard.Run(() =>
    {
        foreach (var node in Nodes)
        {
            node.WriteTo(text);
        }
    });
}

internal sealed class TextNode(int position, string text) : Node(position)
{
    public string Text { get; } = text;

    public override void WriteTo(StringBuilder text) => text.Append(Text);
}

internal sealed class CommentNode(int position, string text) : Node(position)
{
    public string Text { get; } = text;

    public override void WriteTo(StringBuilder text) => text.Append("{{").Append(Text).Append("}}");
}

/// <summary>Declarations (<c>$x :=</c> or <c>$x =</c>) and commands joined by '|'.</summary>
internal sealed class PipeNode(int position, int line) : Node(position)
{
    public int Line { get; } = line;

    public bool IsAssign { get; set; }

    public List<VariableNode> Declarations { get; } = [];

    public List<CommandNode> Commands { get; } = [];

    public override void WriteTo(StringBuilder text) => StackGuard.Run(() => WriteGuarded(text));

    private void WriteGuarded(StringBuilder text)
    {
        if (Declarations.Count > 0)
        {
            for (var i = 0; i < Declarations.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                Declarations[i].WriteTo(text);
            }

            text.Append(IsAssign ? " = " : " := ");
        }

        for (var i = 0; i < Commands.Count; i++)
        {
            if (i > 0)
            {
                text.Append(" | ");
            }

            Commands[i].WriteTo(text);
        }
    }
}

internal sealed class ActionNode(int position, int line, PipeNode pipe) : Node(position)
{
    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder text)
    {
        text.Append("{{");
        Pipe.WriteTo(text);
        text.Append("}}");
    }
}

internal sealed class CommandNode(int position) : Node(position)
{
    public List<Node> Arguments { get; } = [];

    public override void WriteTo(StringBuilder text)
    {
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            if (Arguments[i] is PipeNode pipe)
            {
                text.Append('(');
                pipe.WriteTo(text);
                text.Append(')');
                continue;
            }

            Arguments[i].WriteTo(text);
        }
    }
}

internal sealed class IdentifierNode(int position, string name) : Node(position)
{
    public string Name { get; } = name;

    public override void WriteTo(StringBuilder text) => text.Append(Name);
}

/// <summary><c>$x.A.B</c>: the variable name, then the fields.</summary>
internal sealed class VariableNode(int position, string identifier) : Node(position)
{
    public string[] Identifiers { get; } = identifier.Split('.');

    public override void WriteTo(StringBuilder text) => text.AppendJoin('.', Identifiers);
}

internal sealed class DotNode(int position) : Node(position)
{
    public override void WriteTo(StringBuilder text) => text.Append('.');
}

internal sealed class NilNode(int position) : Node(position)
{
    public override void WriteTo(StringBuilder text) => text.Append("nil");
}

/// <summary><c>.A.B</c>: the field names without their dots.</summary>
internal sealed class FieldNode(int position, string identifier) : Node(position)
{
    public string[] Identifiers { get; } = identifier[1..].Split('.');

    public override void WriteTo(StringBuilder text)
    {
        foreach (var identifier in Identifiers)
        {
            text.Append('.').Append(identifier);
        }
    }
}

/// <summary><c>(pipeline).A.B</c> or <c>func.A</c>: a term followed by fields.</summary>
internal sealed class ChainNode(int position, Node target) : Node(position)
{
    public Node Target { get; } = target;

    public List<string> Fields { get; } = [];

    public void Add(string field)
    {
        if (field.Length == 0 || field[0] != '.')
        {
            throw new InvalidOperationException("no dot in field");
        }

        Fields.Add(field[1..]);
    }

    public override void WriteTo(StringBuilder text)
    {
        if (Target is PipeNode pipe)
        {
            text.Append('(');
            pipe.WriteTo(text);
            text.Append(')');
        }
        else
        {
            Target.WriteTo(text);
        }

        foreach (var field in Fields)
        {
            text.Append('.').Append(field);
        }
    }
}

internal sealed class BoolNode(int position, bool value) : Node(position)
{
    public bool Value { get; } = value;

    public override void WriteTo(StringBuilder text) => text.Append(Value ? "true" : "false");
}

/// <summary>A numeric constant with every Go type it can be read as (see <see cref="NumberLiteral"/>).</summary>
internal sealed class NumberNode(int position, string text) : Node(position)
{
    public string Text { get; } = text;

    public bool IsInt { get; set; }

    public bool IsUint { get; set; }

    public bool IsFloat { get; set; }

    public bool IsComplex { get; set; }

    public long Int64 { get; set; }

    public ulong Uint64 { get; set; }

    public double Float64 { get; set; }

    public Complex Complex128 { get; set; }

    public override void WriteTo(StringBuilder text) => text.Append(Text);
}

/// <summary>A string constant: <see cref="Quoted"/> as written, <see cref="Text"/> unquoted.</summary>
internal sealed class StringNode(int position, string quoted, string text) : Node(position)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override void WriteTo(StringBuilder text) => text.Append(Quoted);
}

/// <summary>The {{end}} and {{else}} that close a list; they never stay in the tree.</summary>
internal sealed class EndNode(int position) : Node(position)
{
    public override void WriteTo(StringBuilder text) => text.Append("{{end}}");
}

internal sealed class ElseNode(int position, int line) : Node(position)
{
    public int Line { get; } = line;

    public override void WriteTo(StringBuilder text) => text.Append("{{else}}");
}

internal enum BranchKind
{
    If,
    Range,
    With,
}

/// <summary>{{if}}, {{range}} and {{with}}.</summary>
internal sealed class BranchNode(BranchKind kind, int position, int line, PipeNode pipe, ListNode list, ListNode? elseList) : Node(position)
{
    public BranchKind Kind { get; } = kind;

    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override void WriteTo(StringBuilder text)
    {
        text.Append("{{").Append(Kind.ToString().ToLowerInvariant()).Append(' ');
        Pipe.WriteTo(text);
        text.Append("}}");
        List.WriteTo(text);
        if (ElseList is not null)
        {
            text.Append("{{else}}");
            ElseList.WriteTo(text);
        }

        text.Append("{{end}}");
    }
}

internal sealed class BreakNode(int position, int line) : Node(position)
{
    public int Line { get; } = line;

    public override void WriteTo(StringBuilder text) => text.Append("{{break}}");
}

internal sealed class ContinueNode(int position, int line) : Node(position)
{
    public int Line { get; } = line;

    public override void WriteTo(StringBuilder text) => text.Append("{{continue}}");
}

/// <summary>{{template "name" pipeline}} (and the call a {{block}} makes).</summary>
internal sealed class TemplateNode(int position, int line, string name, PipeNode? pipe) : Node(position)
{
    public int Line { get; } = line;

    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder text)
    {
        text.Append("{{template ").Append(GoQuote.Quote(Name));
        if (Pipe is not null)
        {
            text.Append(' ');
            Pipe.WriteTo(text);
        }

        text.Append("}}");
    }
}
