using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Recursive-descent parser for Go's text/template action grammar: pipelines, commands, operands, variables and the
/// if/with/range control structures. Like Go it rejects unknown functions and undeclared variables before running.
/// </summary>
internal sealed class TemplateParser
{
    private readonly string _text;
    private readonly IReadOnlyList<TemplateToken> _tokens;
    private readonly Func<string, bool> _isFunction;
    private readonly List<string> _variables = ["$"];
    private int _index;
    private int _rangeDepth;

    private TemplateParser(string text, Func<string, bool> isFunction)
    {
        _text = text;
        _tokens = TemplateLexer.Lex(text);
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
            var token = Next();
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
                    var keyword = PeekNonSpace();
                    if (keyword.Kind == TemplateTokenKind.Keyword && keyword.Value is "end" or "else")
                    {
                        NextNonSpace();
                        if (keyword.Value == "end")
                        {
                            Expect(TemplateTokenKind.RightDelim, "end");
                        }
                        else if (PeekNonSpace() is not { Kind: TemplateTokenKind.Keyword, Value: "if" or "with" })
                        {
                            Expect(TemplateTokenKind.RightDelim, "else");
                        }

                        return (nodes, keyword);
                    }

                    nodes.Add(Action(token));
                    break;
                default:
                    throw Unexpected(token, "input");
            }
        }
    }

    private TemplateNode Action(TemplateToken open)
    {
        var token = PeekNonSpace();
        if (token.Kind != TemplateTokenKind.Keyword)
        {
            return new ActionNode(open.Position, Pipeline("command", TemplateTokenKind.RightDelim));
        }

        NextNonSpace();
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

                Expect(TemplateTokenKind.RightDelim, token.Value);
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
            var chained = PeekNonSpace();
            if (chained.Kind == TemplateTokenKind.Keyword && chained.Value == keyword.Value)
            {
                // "{{else if x}}" reads as "{{else}}{{if x}}...{{end}}{{end}}" sharing one {{end}}, as in Go.
                NextNonSpace();
                otherwise = [Branch(chained, isWith)];
            }
            else if (chained.Kind == TemplateTokenKind.Keyword && chained.Value is "if" or "with")
            {
                throw Unexpected(chained, "else");
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
        var start = PeekNonSpace().Position;
        var (variables, isAssign) = Declarations(context);
        var commands = new List<CommandNode>();
        while (true)
        {
            var token = NextNonSpace();
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
                _index--;
                commands.Add(Command());
                continue;
            }

            throw Unexpected(token, context);
        }
    }

    private (List<string> Variables, bool IsAssign) Declarations(string context)
    {
        var saved = _index;
        var first = NextNonSpace();
        if (first.Kind != TemplateTokenKind.Variable)
        {
            _index = saved;
            return ([], false);
        }

        var next = NextNonSpace();
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
            var second = NextNonSpace();
            var declare = NextNonSpace();
            if (context != "range" || second.Kind != TemplateTokenKind.Variable || declare.Kind is not (TemplateTokenKind.Declare or TemplateTokenKind.Assign))
            {
                var offending = second.Kind != TemplateTokenKind.Variable ? second : declare;
                throw new TemplateSyntaxException(offending.Position, context == "range" ? "range can only initialize variables" : $"too many declarations in {context}");
            }

            return ([first.Value, second.Value], declare.Kind == TemplateTokenKind.Assign);
        }

        _index = saved;
        return ([], false);
    }

    private CommandNode Command()
    {
        var start = PeekNonSpace().Position;
        var operands = new List<OperandNode>();
        while (true)
        {
            PeekNonSpace();
            SkipSpaces();
            operands.Add(Operand());
            var token = Next();
            if (token.Kind == TemplateTokenKind.Space)
            {
                var after = PeekNonSpace();
                if (after.Kind is TemplateTokenKind.RightDelim or TemplateTokenKind.RightParen or TemplateTokenKind.Pipe)
                {
                    SkipSpaces();
                    token = Next();
                }
                else
                {
                    continue;
                }
            }

            if (token.Kind is TemplateTokenKind.RightDelim or TemplateTokenKind.RightParen)
            {
                _index--;
            }
            else if (token.Kind != TemplateTokenKind.Pipe)
            {
                throw Unexpected(token, "operand");
            }

            var end = token.Kind == TemplateTokenKind.Pipe ? token.Position : _tokens[_index].Position;
            return new CommandNode(start, Source(start, end).TrimEnd(), operands);
        }
    }

    private OperandNode Operand()
    {
        var term = Term();
        if (Peek().Kind != TemplateTokenKind.Field)
        {
            return term;
        }

        var path = new List<string>();
        var end = term.Position + term.Source.Length;
        while (Peek().Kind == TemplateTokenKind.Field)
        {
            var field = Next();
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
        var token = Next();
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
                var close = _tokens[_index - 1];
                return pipeline with { Position = token.Position, Source = Source(token.Position, close.Position + 1) };
            default:
                throw Unexpected(token, "operand");
        }
    }

    private void Expect(TemplateTokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            throw Unexpected(token, context);
        }
    }

    private TemplateSyntaxException Unexpected(TemplateToken token, string context) =>
        new(token.Position, $"unexpected {token.Describe()} in {context}");

    private string Source(int start, int end) => _text[start..Math.Max(start, end)].Trim();

    private TemplateToken Peek() => _tokens[_index];

    private TemplateToken Next() => _tokens[_index++];

    private void SkipSpaces()
    {
        while (_tokens[_index].Kind == TemplateTokenKind.Space)
        {
            _index++;
        }
    }

    private TemplateToken PeekNonSpace()
    {
        SkipSpaces();
        return _tokens[_index];
    }

    private TemplateToken NextNonSpace()
    {
        SkipSpaces();
        return _tokens[_index++];
    }
}
