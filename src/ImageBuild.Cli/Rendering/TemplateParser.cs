using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Recursive-descent parser for Go's text/template action grammar: pipelines, commands, operands, variables and the
/// if/with/range control structures. Like Go it rejects unknown functions and undeclared variables before running.
/// </summary>
internal sealed class TemplateParser
{
    private readonly string _text;
    private readonly TemplateTokenCursor _cursor;
    private readonly Func<string, bool> _isFunction;
    private readonly List<string> _variables = ["$"];
    private int _rangeDepth;

    private TemplateParser(string text, Func<string, bool> isFunction)
    {
        _text = text;
        _cursor = new TemplateTokenCursor(TemplateLexer.Lex(text));
        _isFunction = isFunction;
    }

    public static IReadOnlyList<TemplateNode> Parse(string text, Func<string, bool> isFunction)
    {
        var parser = new TemplateParser(text, isFunction);
        var (nodes, terminator) = parser.ItemList(topLevel: true);
        return terminator is null ? nodes : throw new TemplateSyntaxException(terminator.Position, $"unexpected {{{{{terminator.Value}}}}}");
    }

    /// <summary>Nodes up to a {{else}} or {{end}}, which is returned (null at the end of the text).</summary>
    private (List<TemplateNode> Nodes, TemplateToken? Terminator) ItemList(bool topLevel)
    {
        var nodes = new List<TemplateNode>();
        while (true)
        {
            var token = _cursor.Next();
            switch (token.Kind)
            {
                case TemplateTokenKind.Eof when topLevel:
                    return (nodes, null);
                case TemplateTokenKind.Eof:
                    throw new TemplateSyntaxException(token.Position, "unexpected EOF");
                case TemplateTokenKind.Text:
                    nodes.Add(new TextNode(token.Position, token.Value));
                    break;
                case TemplateTokenKind.LeftDelim:
                    var keyword = _cursor.PeekNonSpace();
                    if (keyword.Kind == TemplateTokenKind.Keyword && keyword.Value is "end" or "else")
                    {
                        _cursor.NextNonSpace();
                        if (keyword.Value == "end")
                        {
                            _cursor.Expect(TemplateTokenKind.RightDelim, "end");
                        }
                        else if (_cursor.PeekNonSpace() is not { Kind: TemplateTokenKind.Keyword, Value: "if" or "with" })
                        {
                            _cursor.Expect(TemplateTokenKind.RightDelim, "else");
                        }

                        return (nodes, keyword);
                    }

                    nodes.Add(Action(token));
                    break;
                default:
                    throw TemplateTokenCursor.Unexpected(token, "input");
            }
        }
    }

    private TemplateNode Action(TemplateToken open)
    {
        var token = _cursor.PeekNonSpace();
        if (token.Kind != TemplateTokenKind.Keyword)
        {
            return new ActionNode(open.Position, Pipeline("command", TemplateTokenKind.RightDelim));
        }

        _cursor.NextNonSpace();
        switch (token.Value)
        {
            case "if":
            case "with":
                return Branch(token, token.Value == "with");
            case "range":
                var mark = _variables.Count;
                var pipeline = Pipeline("range", TemplateTokenKind.RightDelim);
                _rangeDepth++;
                var (body, terminator) = ItemList(topLevel: false);
                _rangeDepth--;
                var otherwise = terminator!.Value == "else" ? ElseList("range") : null;
                _variables.RemoveRange(mark, _variables.Count - mark);
                return new RangeNode(token.Position, pipeline, body, otherwise);
            case "break":
            case "continue":
                if (_rangeDepth == 0)
                {
                    throw new TemplateSyntaxException(token.Position, $"{{{{{token.Value}}}}} outside {{{{range}}}}");
                }

                _cursor.Expect(TemplateTokenKind.RightDelim, token.Value);
                return token.Value == "break" ? new BreakNode(token.Position) : new ContinueNode(token.Position);
            default:
                throw new TemplateSyntaxException(token.Position, $"{{{{{token.Value}}}}} is not supported in --format templates");
        }
    }

    private BranchNode Branch(TemplateToken keyword, bool isWith)
    {
        var mark = _variables.Count;
        var pipeline = Pipeline(keyword.Value, TemplateTokenKind.RightDelim);
        var (then, terminator) = ItemList(topLevel: false);
        IReadOnlyList<TemplateNode>? otherwise = null;
        if (terminator!.Value == "else")
        {
            var chained = _cursor.PeekNonSpace();
            if (chained.Kind == TemplateTokenKind.Keyword && chained.Value == keyword.Value)
            {
                // "{{else if x}}" reads as "{{else}}{{if x}}...{{end}}{{end}}" sharing one {{end}}, as in Go.
                _cursor.NextNonSpace();
                otherwise = [Branch(chained, isWith)];
            }
            else if (chained.Kind == TemplateTokenKind.Keyword && chained.Value is "if" or "with")
            {
                throw TemplateTokenCursor.Unexpected(chained, "else");
            }
            else
            {
                otherwise = ElseList(keyword.Value);
            }
        }

        _variables.RemoveRange(mark, _variables.Count - mark);
        return new BranchNode(keyword.Position, isWith, pipeline, then, otherwise);
    }

    private List<TemplateNode> ElseList(string context)
    {
        var (nodes, terminator) = ItemList(topLevel: false);
        return terminator!.Value == "end"
            ? nodes
            : throw new TemplateSyntaxException(terminator.Position, $"expected end; found {{{{else}}}} in {context}");
    }

    private PipelineNode Pipeline(string context, TemplateTokenKind end)
    {
        var start = _cursor.PeekNonSpace().Position;
        var (variables, isAssign) = Declarations(context);
        var commands = new List<CommandNode>();
        while (true)
        {
            var token = _cursor.NextNonSpace();
            if (token.Kind == end)
            {
                if (commands.Count == 0)
                {
                    throw new TemplateSyntaxException(token.Position, $"missing value for {context}");
                }

                for (var i = 1; i < commands.Count; i++)
                {
                    if (commands[i].Operands[0] is LiteralNode or DotNode or NilNode)
                    {
                        throw new TemplateSyntaxException(commands[i].Position, $"non executable command in pipeline stage {i + 1}");
                    }
                }

                _variables.AddRange(variables);
                return new PipelineNode(start, Source(start, token.Position), variables, isAssign, commands);
            }

            if (token.Kind is TemplateTokenKind.Bool or TemplateTokenKind.Char or TemplateTokenKind.Dot or TemplateTokenKind.Field
                or TemplateTokenKind.Identifier or TemplateTokenKind.Number or TemplateTokenKind.Nil or TemplateTokenKind.String
                or TemplateTokenKind.Variable or TemplateTokenKind.LeftParen)
            {
                _cursor.Back();
                commands.Add(Command());
                continue;
            }

            throw TemplateTokenCursor.Unexpected(token, context);
        }
    }

    private (List<string> Variables, bool IsAssign) Declarations(string context)
    {
        var saved = _cursor.Index;
        var first = _cursor.NextNonSpace();
        if (first.Kind != TemplateTokenKind.Variable)
        {
            _cursor.Index = saved;
            return ([], false);
        }

        var next = _cursor.NextNonSpace();
        if (next.Kind is TemplateTokenKind.Declare or TemplateTokenKind.Assign)
        {
            if (next.Kind == TemplateTokenKind.Assign && !_variables.Contains(first.Value))
            {
                throw new TemplateSyntaxException(first.Position, $"undefined variable \"{first.Value}\"");
            }

            return ([first.Value], next.Kind == TemplateTokenKind.Assign);
        }

        if (next.Kind == TemplateTokenKind.Comma)
        {
            var second = _cursor.NextNonSpace();
            var declare = _cursor.NextNonSpace();
            if (context != "range" || second.Kind != TemplateTokenKind.Variable || declare.Kind is not (TemplateTokenKind.Declare or TemplateTokenKind.Assign))
            {
                var offending = second.Kind != TemplateTokenKind.Variable ? second : declare;
                throw new TemplateSyntaxException(offending.Position, context == "range" ? "range can only initialize variables" : $"too many declarations in {context}");
            }

            return ([first.Value, second.Value], declare.Kind == TemplateTokenKind.Assign);
        }

        _cursor.Index = saved;
        return ([], false);
    }

    /// <summary>Operands separated by spaces, up to a '|' (consumed) or the end of the pipeline (left for the caller).</summary>
    private CommandNode Command()
    {
        var start = _cursor.PeekNonSpace().Position;
        var operands = new List<OperandNode>();
        do
        {
            operands.Add(Operand());
        }
        while (_cursor.Peek().Kind == TemplateTokenKind.Space
            && _cursor.PeekNonSpace().Kind is not (TemplateTokenKind.RightDelim or TemplateTokenKind.RightParen or TemplateTokenKind.Pipe));

        var token = _cursor.NextNonSpace();
        if (token.Kind is TemplateTokenKind.RightDelim or TemplateTokenKind.RightParen)
        {
            _cursor.Back();
        }
        else if (token.Kind != TemplateTokenKind.Pipe)
        {
            throw TemplateTokenCursor.Unexpected(token, "operand");
        }

        return new CommandNode(start, Source(start, token.Position), operands);
    }

    private OperandNode Operand()
    {
        var term = Term();
        if (_cursor.Peek().Kind != TemplateTokenKind.Field)
        {
            return term;
        }

        var path = new List<string>();
        var end = term.Position + term.Source.Length;
        while (_cursor.Peek().Kind == TemplateTokenKind.Field)
        {
            var field = _cursor.Next();
            path.Add(field.Value[1..]);
            end = field.Position + field.Value.Length;
        }

        var source = Source(term.Position, end);
        return term switch
        {
            FieldNode field => new FieldNode(term.Position, source, [.. field.Path, .. path]),
            VariableNode variable => new VariableNode(term.Position, source, variable.Name, [.. variable.Path, .. path]),
            PipelineNode or FunctionNode => new ChainNode(term.Position, source, term, path),
            _ => throw new TemplateSyntaxException(term.Position, $"unexpected . after term \"{term.Source}\""),
        };
    }

    private OperandNode Term()
    {
        var token = _cursor.Next();
        switch (token.Kind)
        {
            case TemplateTokenKind.Identifier:
                return _isFunction(token.Value)
                    ? new FunctionNode(token.Position, token.Value)
                    : throw new TemplateSyntaxException(token.Position, $"function \"{token.Value}\" not defined");
            case TemplateTokenKind.Dot:
                return new DotNode(token.Position);
            case TemplateTokenKind.Nil:
                return new NilNode(token.Position);
            case TemplateTokenKind.Variable:
                return _variables.Contains(token.Value)
                    ? new VariableNode(token.Position, token.Value, token.Value, [])
                    : throw new TemplateSyntaxException(token.Position, $"undefined variable \"{token.Value}\"");
            case TemplateTokenKind.Field:
                return new FieldNode(token.Position, token.Value, [token.Value[1..]]);
            case TemplateTokenKind.Bool:
                return new LiteralNode(token.Position, token.Value, JsonValue.Create(token.Value == "true"));
            case TemplateTokenKind.Char:
                return new LiteralNode(token.Position, token.Value, JsonValue.Create(GoLiteral.UnquoteChar(token.Value, token.Position)));
            case TemplateTokenKind.Number:
                return new LiteralNode(token.Position, token.Value, GoLiteral.ParseNumber(token.Value, token.Position));
            case TemplateTokenKind.String:
                return new LiteralNode(token.Position, token.Value, JsonValue.Create(GoLiteral.UnquoteString(token.Value, token.Position)));
            case TemplateTokenKind.LeftParen:
                var pipeline = Pipeline("parenthesized pipeline", TemplateTokenKind.RightParen);
                var close = _cursor.Previous;
                return pipeline with { Position = token.Position, Source = Source(token.Position, close.Position + 1) };
            default:
                throw TemplateTokenCursor.Unexpected(token, "operand");
        }
    }

    private string Source(int start, int end) => _text[start..Math.Max(start, end)].Trim();
}
