using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

// The parse tree of a template, kept as one closed set of records so the executor can switch over it.

/// <summary>A piece of a template's body.</summary>
internal abstract record TemplateNode(int Position);

internal sealed record TextNode(int Position, string Text) : TemplateNode(Position);

internal sealed record ActionNode(int Position, PipelineNode Pipeline) : TemplateNode(Position);

/// <summary><c>{{if}}</c> or <c>{{with}}</c>; "else if" is an if node alone in the else branch.</summary>
internal sealed record BranchNode(int Position, bool IsWith, PipelineNode Pipeline, IReadOnlyList<TemplateNode> Then, IReadOnlyList<TemplateNode>? Else)
    : TemplateNode(Position);

internal sealed record RangeNode(int Position, PipelineNode Pipeline, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode>? Else)
    : TemplateNode(Position);

internal sealed record BreakNode(int Position) : TemplateNode(Position);

internal sealed record ContinueNode(int Position) : TemplateNode(Position);

/// <summary>An argument of a command; <see cref="Source"/> is its text, used in error messages.</summary>
internal abstract record OperandNode(int Position, string Source);

/// <summary><c>.A.B</c>: a path from dot.</summary>
internal sealed record FieldNode(int Position, string Source, IReadOnlyList<string> Path) : OperandNode(Position, Source);

/// <summary><c>$x.A</c>: a variable and an optional path.</summary>
internal sealed record VariableNode(int Position, string Source, string Name, IReadOnlyList<string> Path) : OperandNode(Position, Source);

/// <summary><c>(pipeline).A</c>: a path from a parenthesized pipeline.</summary>
internal sealed record ChainNode(int Position, string Source, OperandNode Target, IReadOnlyList<string> Path) : OperandNode(Position, Source);

internal sealed record DotNode(int Position) : OperandNode(Position, ".");

internal sealed record NilNode(int Position) : OperandNode(Position, "nil");

internal sealed record FunctionNode(int Position, string Name) : OperandNode(Position, Name);

/// <summary>A string, number, character or boolean constant.</summary>
internal sealed record LiteralNode(int Position, string Source, JsonNode Value) : OperandNode(Position, Source);

internal sealed record CommandNode(int Position, string Source, IReadOnlyList<OperandNode> Operands);

/// <summary>Commands joined by '|', optionally declaring (":=") or assigning ("=") variables.</summary>
internal sealed record PipelineNode(int Position, string Source, IReadOnlyList<string> Variables, bool IsAssign, IReadOnlyList<CommandNode> Commands)
    : OperandNode(Position, Source);
